import { describe, expect, it } from 'vitest';
import { createQueueBroadcast, WINDOW_MS } from '../../../src/background/queue-broadcast';
import type { QueueBroadcast, QueueEvent } from '../../../src/messaging/protocol';
import type { JobSummary } from '../../../src/queue/types';

const job = (id: string, state: JobSummary['state'], updatedAt = 1) => ({ id, state, updatedAt }) as JobSummary;
const counts = (queued: number) => ({ queued, uploading: 0, failed: 0, paused: 0 });
const event = (j: JobSummary, queued: number): QueueEvent => ({ event: 'queue.changed', job: j, counts: counts(queued), pause: null });

function harness() {
  const sent: QueueBroadcast[] = [];
  const timers: (() => void)[] = [];
  const notify = createQueueBroadcast((b) => sent.push(b), { set: (fn, ms) => (expect(ms).toBe(WINDOW_MS), timers.push(fn)) });
  /** Runs the next timer due; false when none is set. */
  const tick = () => {
    const next = timers.shift();
    next?.();
    return next !== undefined;
  };
  return { sent, notify, tick };
}

describe('queue broadcasts', () => {
  it('sends the first change at once, and the changes of the window after it together, each job as it is by then', () => {
    const h = harness();
    h.notify(event(job('a', 'queued'), 1));
    expect(h.sent).toEqual([{ event: 'queue.changed', jobs: [job('a', 'queued')], counts: counts(1), pause: null }]);
    h.notify(event(job('a', 'uploading'), 1));
    h.notify(event(job('b', 'queued'), 2));
    h.notify(event(job('a', 'done'), 1));
    expect(h.sent).toHaveLength(1);
    h.tick();
    expect(h.sent[1]).toEqual({ event: 'queue.changed', jobs: [job('a', 'done'), job('b', 'queued')], counts: counts(1), pause: null });
    // A quiet window ends the throttling: the next change goes at once again.
    h.tick();
    expect(h.sent).toHaveLength(2);
    h.notify(event(job('b', 'done'), 0));
    expect(h.sent[2]?.jobs).toEqual([job('b', 'done')]);
  });

  it('keeps the newer of two changes of a job told out of order', () => {
    const h = harness();
    h.notify(event(job('x', 'queued', 1), 1));
    h.notify(event(job('a', 'done', 5), 0));
    h.notify(event(job('a', 'uploading', 4), 0));
    h.tick();
    expect(h.sent[1]?.jobs).toEqual([job('a', 'done', 5)]);
  });

  it('loses no change: 120 changes of 40 jobs end with every job in its last state', () => {
    const h = harness();
    for (const state of ['queued', 'uploading', 'done'] as const) {
      for (let i = 0; i < 40; i++) {
        h.notify(event(job(`j${i}`, state), 0));
        if (i % 7 === 0) h.tick();
      }
    }
    while (h.tick());
    const last = new Map<string, string>();
    for (const b of h.sent) for (const j of b.jobs) last.set(j.id, j.state);
    expect(last.size).toBe(40);
    expect([...last.values()].every((s) => s === 'done')).toBe(true);
    expect(h.sent.length).toBeLessThan(30);
  });
});
