/**
 * The queue's wake-up alarm, which outlives a stopped service worker. The queue asks for it after
 * every change (a burst of 40 files asks about a hundred times); only a change that matters reaches
 * the browser, as each call is a round trip through the browser's main thread.
 */
import { browser } from 'wxt/browser';

export const QUEUE_ALARM = 'upload-queue-wake';

/** Sets or clears the alarm as the queue asks; `now` is injectable for tests. */
export function createQueueWake(now: () => number = Date.now): (at: number | null) => void {
  // When the alarm is set to fire; undefined until this start has set or cleared it (one may be
  // left from before a stop, and must be cleared when nothing is pending).
  let scheduled: number | null | undefined;
  return (at) => {
    if (at === null) {
      if (scheduled === null) return;
      scheduled = null;
      void browser.alarms.clear(QUEUE_ALARM);
      return;
    }
    // Still ahead and no later than asked: it wakes the queue in time (and repeats every minute).
    if (typeof scheduled === 'number' && scheduled > now() && scheduled <= at) return;
    scheduled = at;
    void browser.alarms.create(QUEUE_ALARM, { when: at, periodInMinutes: 1 });
  };
}
