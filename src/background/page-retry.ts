/**
 * Asks again for page images a rate limit held back, paced below Glean's documented rate (about
 * 30 requests a second per token, in a bucket of about 30) so the retries do not trip it again:
 * one loop for every tab, RETRIES_PER_SECOND images a second, halted while page loads are paused.
 * Each batch goes to its frame's content script as CSS that names the URLs (an <img> that failed
 * does not load again by itself, and the page's DOM is not ours to touch).
 */
import { browser } from 'wxt/browser';
import type { RetryRequest } from '../content/resolver-protocol';
import { retryCss } from '../page-images/image-css';

/** Images asked for again per second, with room left for the page's other loads. */
export const RETRIES_PER_SECOND = 25;

/** One image to ask for again. */
export interface HeldBack {
  tabId: number;
  frameId: number;
  url: string;
}

export interface RetryPumpDeps {
  /** Up to `max` held-back images, oldest first, each handed out once. */
  take(max: number): HeldBack[];
  /** Whether page loads are paused now (a Retry-After runs). */
  paused(): Promise<boolean>;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Tells a frame's content script to have the browser load `urls` again. */
async function send(tabId: number, frameId: number, urls: string[]): Promise<void> {
  const message: RetryRequest = { resolver: 'retry', rules: urls.map((url) => ({ url, css: retryCss([url]) })) };
  // A tab that went away or navigated elsewhere has nothing left to show.
  await browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => undefined);
}

/** The loop; `kick()` starts it when it is not running (when a pause ends). */
export function createRetryPump(deps: RetryPumpDeps): { kick(): void } {
  const sleep = deps.sleep ?? defaultSleep;
  let running = false;
  async function run(): Promise<void> {
    try {
      while (!(await deps.paused())) {
        const batch = deps.take(RETRIES_PER_SECOND);
        if (!batch.length) return;
        const groups = new Map<string, HeldBack[]>();
        for (const b of batch) groups.set(`${b.tabId}/${b.frameId}`, [...(groups.get(`${b.tabId}/${b.frameId}`) ?? []), b]);
        await Promise.all([...groups.values()].map((g) => send(g[0]!.tabId, g[0]!.frameId, g.map((b) => b.url))));
        await sleep(1000);
      }
    } finally {
      running = false;
    }
  }
  return {
    kick() {
      if (running) return;
      running = true;
      void run();
    },
  };
}
