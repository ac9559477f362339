import { browser } from 'wxt/browser';
import type { QueueCounts } from '../queue/types';

/** The toolbar badge: how many uploads are pending, or "!" when some failed and none is pending. */
export async function showQueueOnBadge(counts: QueueCounts): Promise<void> {
  const pending = counts.queued + counts.uploading + counts.paused;
  const text = pending ? String(pending) : counts.failed ? '!' : '';
  await browser.action.setBadgeText({ text });
  await browser.action.setBadgeBackgroundColor({ color: counts.failed && !pending ? '#b3261e' : '#2251d1' });
}
