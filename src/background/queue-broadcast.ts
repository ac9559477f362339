/**
 * Tells open extension pages (popup, history) and the toolbar badge what changed in the queue. A
 * burst of 40 files makes over a hundred job changes in a few hundred milliseconds, and every
 * message to pages is a round trip through the browser's main thread that the uploads need: the
 * first change goes at once, the ones after it within WINDOW_MS go together at its end, each job
 * as it is by then.
 */
import type { QueueBroadcast, QueueEvent } from '../messaging/protocol';
import type { JobSummary } from '../queue/types';

/** One frame: long enough to gather a burst's changes, too short for a person to notice. */
export const WINDOW_MS = 16;

/** Returns the queue's `notify`: it hands `send` one broadcast at once, then at most one per window. */
export function createQueueBroadcast(
  send: (broadcast: QueueBroadcast) => void,
  timers: { set: (fn: () => void, ms: number) => unknown } = { set: (fn, ms) => setTimeout(fn, ms) },
): (event: QueueEvent) => void {
  let gathered = new Map<string, JobSummary>();
  let latest: QueueEvent | undefined;
  let windowOpen = false;

  const flush = () => {
    if (!latest || gathered.size === 0) {
      windowOpen = false;
      return;
    }
    const jobs = [...gathered.values()];
    gathered = new Map();
    send({ event: 'queue.changed', jobs, counts: latest.counts, pause: latest.pause });
    // What changes while this one is on its way waits for the next window.
    timers.set(flush, WINDOW_MS);
  };

  return (event) => {
    // Each job as it is by then: a change told late never replaces a newer one.
    const known = gathered.get(event.job.id);
    if (!known || known.updatedAt <= event.job.updatedAt) gathered.set(event.job.id, event.job);
    latest = event;
    if (windowOpen) return;
    windowOpen = true;
    flush();
  };
}
