/**
 * Asks again for page images a rate limit held back, paced below Glean's documented rate (about
 * 30 requests a second per token, in a bucket of about 30) so the retries do not trip it again.
 * Each batch goes to the frame's content script as CSS that names the URLs (an <img> that failed
 * does not load again by itself, and the page's DOM is not ours to touch).
 */
import { browser } from 'wxt/browser';
import type { RetryRequest } from '../content/resolver-protocol';
import { retryCss } from '../page-images/image-css';

/** Images asked for again per second, with room left for the page's other loads. */
export const RETRIES_PER_SECOND = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Re-requests `urls` in each frame of a tab, RETRIES_PER_SECOND at a time; `sent` hears each batch. */
export async function retryInFrames(tabId: number, frames: Map<number, string[]>, sent: (urls: string[]) => void): Promise<void> {
  const all = [...frames].flatMap(([frameId, urls]) => urls.map((url) => ({ frameId, url })));
  for (let i = 0; i < all.length; i += RETRIES_PER_SECOND) {
    if (i > 0) await sleep(1000);
    const byFrame = new Map<number, string[]>();
    for (const { frameId, url } of all.slice(i, i + RETRIES_PER_SECOND)) byFrame.set(frameId, [...(byFrame.get(frameId) ?? []), url]);
    for (const [frameId, urls] of byFrame) {
      const message: RetryRequest = { resolver: 'retry', rules: urls.map((url) => ({ url, css: retryCss([url]) })) };
      // A tab that went away or navigated elsewhere has nothing left to show.
      await browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
      sent(urls);
    }
  }
}
