import { browser } from 'wxt/browser';
import type { QueueCounts } from '../queue/types';

// What the badge shows now: every change of the queue calls this (up to one call per 16 ms in a
// burst), and most calls would set what is already shown. Each set is a round trip through the
// browser's main thread, which the uploads need too; the colour changes rarely, the number often.
let shownText: string | undefined;
let shownColor: string | undefined;

/** The toolbar badge: how many uploads are pending, or "!" when some failed and none is pending. */
export async function showQueueOnBadge(counts: QueueCounts): Promise<void> {
  const pending = counts.queued + counts.uploading + counts.paused;
  const text = pending ? String(pending) : counts.failed ? '!' : '';
  const color = counts.failed && !pending ? '#b3261e' : '#2251d1';
  const sets: Promise<void>[] = [];
  if (shownColor !== color) {
    shownColor = color;
    sets.push(browser.action.setBadgeBackgroundColor({ color }).catch((e: unknown) => {
      shownColor = undefined; // try again next time
      throw e;
    }));
  }
  if (shownText !== text) {
    shownText = text;
    sets.push(browser.action.setBadgeText({ text }).catch((e: unknown) => {
      shownText = undefined;
      throw e;
    }));
  }
  await Promise.all(sets);
}
