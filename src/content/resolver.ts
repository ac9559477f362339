/**
 * The content script on enabled sites. Glean image URLs in the page need nothing from it: the
 * browser loads them with the token the background's rules add. What it still does: read
 * `data-glean-image-key` attributes (a key is no URL the browser could load), hand the keys to the
 * background and adopt the rules it answers with into one stylesheet; and take the background's
 * rules that have the browser ask again for images a rate limit held back. It never writes to the
 * page's DOM, never sees the token, and never holds image bytes.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LIMITS } from '../messaging/protocol';
import { send } from '../messaging/send';
import { MutationBatch, type Changes } from './mutation-batch';
import { PageSheet } from './page-sheet';
import { isRetryRequest } from './resolver-protocol';

const ATTR = 'data-glean-image-key';
const SELECTOR = `[${ATTR}]`;

/** Records main-thread time in the page's timeline (for measuring; cheap). */
function measure(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // An engine without measure options: nothing to record.
  }
}

/** Starts watching this page for keyed elements; everything stops when `ctx` ends. */
export function init(ctx: ContentScriptContext): void {
  const sent = new Set<string>();
  const sheet = new PageSheet();
  let batches = 0;

  function hand(elements: Iterable<Element>): void {
    const fresh: string[] = [];
    for (const el of elements) {
      const key = el.getAttribute(ATTR)?.trim();
      if (key && key.length <= LIMITS.keyLength && !sent.has(key)) {
        sent.add(key);
        fresh.push(key);
      }
    }
    for (let i = 0; i < fresh.length; i += LIMITS.keysPerResolve) {
      // Not enabled here any more, or the background is restarting: the key shows on the next load.
      send('page.keys', { keys: fresh.slice(i, i + LIMITS.keysPerResolve) }).then(
        ({ css }) => sheet.set(new Map([[`keys ${batches++}`, css]])),
        () => undefined,
      );
    }
  }

  function onChanges({ added, changed }: Changes): void {
    const start = performance.now();
    const found: Element[] = [...changed].filter((el) => el.isConnected && el.hasAttribute(ATTR));
    for (const el of added) {
      if (!el.isConnected) continue;
      if (el.hasAttribute(ATTR)) found.push(el);
      if (el.firstElementChild) found.push(...el.querySelectorAll(SELECTOR));
    }
    hand(found);
    measure('glean-images-update', start);
  }

  const batch = new MutationBatch((run) => ctx.requestIdleCallback(run, { timeout: 100 }), onChanges);
  const mo = new MutationObserver((records) => batch.take(records));
  // Only the background may send this (a message from a tab carries sender.tab).
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab || !isRetryRequest(message)) return;
    const rules = new Map(message.rules.map((r) => [`url ${r.url}`, r.css]));
    sheet.set(rules, [...rules.keys()]);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    mo.disconnect();
    browser.runtime.onMessage.removeListener(onMessage);
    sheet.remove();
  });
  ctx.requestIdleCallback(
    () => {
      if (!ctx.isValid) return;
      const start = performance.now();
      mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: [ATTR] });
      hand(document.querySelectorAll(SELECTOR));
      measure('glean-images-scan', start);
    },
    { timeout: 200 },
  );
}
