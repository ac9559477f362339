import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { QueueBroadcast } from '../../messaging/protocol';
import type { JobSummary, QueuePause } from '../../queue/types';

/** Whether a runtime message is the background's queue broadcast (and not a request of ours). */
export function isQueueBroadcast(message: unknown): message is QueueBroadcast {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Partial<QueueBroadcast>;
  return m.event === 'queue.changed' && Array.isArray(m.jobs) && m.jobs.every((j: unknown) => typeof (j as { id?: unknown } | null)?.id === 'string');
}

/** Calls `onEvent` for every queue broadcast from the background while the component is mounted. */
export function useQueueEvents(onEvent: (broadcast: QueueBroadcast) => void): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    // Returns nothing: a listener that returned a value would answer other pages' messages.
    const listener = (message: unknown): undefined => {
      if (isQueueBroadcast(message)) latest.current(message);
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
}

const newer = (known: JobSummary | undefined, next: JobSummary) => !known || next.updatedAt >= known.updatedAt;

/**
 * The latest state of every job this popup has heard of, by id. An event can arrive before the
 * enqueue that made the job answers, so events are kept for any id and `remember` merges by time.
 */
export function useJobs(): {
  jobs: Record<string, JobSummary>;
  /** The queue's pause from the latest event; undefined until an event arrives. */
  pause: QueuePause | null | undefined;
  remember: (job: JobSummary) => void;
} {
  const [jobs, setJobs] = useState<Record<string, JobSummary>>({});
  const [pause, setPause] = useState<QueuePause | null | undefined>(undefined);
  const remember = useCallback((job: JobSummary) => {
    setJobs((prev) => (newer(prev[job.id], job) ? { ...prev, [job.id]: job } : prev));
  }, []);
  useQueueEvents((broadcast) => {
    broadcast.jobs.forEach(remember);
    setPause(broadcast.pause);
  });
  return { jobs, pause, remember };
}
