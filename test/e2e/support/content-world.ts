/**
 * Runs code inside the extension's content-script world of a page (Chromium), through the
 * DevTools protocol: the test speaks as the content script really would, with the same
 * `chrome.runtime` and the same sender the background sees. No hook in the build is needed.
 */
import type { Page } from 'playwright-core';

interface ContextDescription {
  id: number;
  origin: string;
  auxData?: { type?: string; frameId?: string };
}

/** Evaluates `expression` (awaited) in the extension's isolated world of `page`'s main frame. */
export async function evaluateInContentWorld<T>(page: Page, extensionId: string, expression: string): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: ContextDescription[] = [];
    cdp.on('Runtime.executionContextCreated', (e: { context: ContextDescription }) => contexts.push(e.context));
    await cdp.send('Runtime.enable');
    const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`);
    if (!world) throw new Error('The content script is not running in this page.');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(`Content-world evaluation failed: ${exceptionDetails.text}`);
    return result.value as T;
  } finally {
    await cdp.detach();
  }
}
