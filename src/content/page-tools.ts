/**
 * The page part the background injects when the user acts (right-click upload, "This page"): it
 * reads image bytes the page itself may read (blob: URLs, same-origin or CORS-enabled images),
 * finds the picture under the pointer, and shows the upload toast. It answers only this
 * extension's background, and only the requests in page-tools-protocol.ts.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../i18n/t';
import { findImage } from './pick-image';
import { isPageToolRequest, type ReadImageReply } from './page-tools-protocol';
import { hideToast, showToast } from './toast';

const flag = '__gleanImagesPageTools';

async function readImage(src: string, capBytes: number): Promise<ReadImageReply> {
  try {
    const response = await fetch(src, { credentials: 'include' });
    if (!response.ok) return { ok: false, message: t('content_pageAnswered', response.status) };
    if (Number(response.headers.get('content-length') ?? 0) > capBytes) return { ok: false, message: 'too-large' };
    const blob = await response.blob();
    if (blob.size > capBytes) return { ok: false, message: 'too-large' };
    return { ok: true, bytes: await blob.arrayBuffer(), type: blob.type };
  } catch {
    return { ok: false, message: t('content_pageRefusesImage') };
  }
}

/** Listens for the background's requests; injecting twice still answers once. */
export function init(ctx: ContentScriptContext): void {
  const scope = globalThis as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only this extension's own contexts (never a tab) may ask.
    if (sender.id !== browser.runtime.id || sender.tab || !isPageToolRequest(message)) return undefined;
    switch (message.tool) {
      case 'read-image':
        return readImage(message.src, message.capBytes);
      case 'find-image':
        return findImage(message.targetElementId);
      case 'toast':
        showToast(message.toast);
        return Promise.resolve(true);
      case 'hide-toast':
        hideToast();
        // Answered once the page was painted without it, so the capture that follows is clean.
        return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));
    }
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    scope[flag] = false;
  });
}
