import { browser } from 'wxt/browser';
import type { QueueCounts } from '../queue/types';

// What the badge shows now: every change of every job calls this (three times per upload), and
// most calls would set what is already shown, two browser calls each.
let shown: string | undefined;

/** The toolbar badge: how many uploads are pending, or "!" when some failed and none is pending. */
export async function showQueueOnBadge(counts: QueueCounts): Promise<void> {
  const pending = counts.queued + counts.uploading + counts.paused;
  const text = pending ? String(pending) : counts.failed ? '!' : '';
  const color = counts.failed && !pending ? '#b3261e' : '#2251d1';
  if (shown === `${text} ${color}`) return;
  shown = `${text} ${color}`;
  try {
    await browser.action.setBadgeText({ text });
    await browser.action.setBadgeBackgroundColor({ color });
  } catch (e) {
    shown = undefined; // try again next time
    throw e;
  }
}
