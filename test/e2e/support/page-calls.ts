/**
 * Calls the background from an extension page with binary payloads, as the popup does. Playwright
 * cannot pass an ArrayBuffer into a page, so bytes cross as a number array and are rebuilt there.
 */
import type { Page } from 'playwright-core';

type Reply<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

/** Uploads bytes through the background's `image.upload`. */
export function uploadFromPage(page: Page, bytes: Uint8Array, contentType: string, metadata: Record<string, string>) {
  return page.evaluate(
    ([data, type, meta]) =>
      (globalThis as any).chrome.runtime.sendMessage({
        type: 'image.upload',
        payload: { bytes: new Uint8Array(data).buffer, contentType: type, metadata: meta },
      }),
    [Array.from(bytes), contentType, metadata] as const,
  ) as Promise<Reply<{ url: string; key?: string }>>;
}

/** Looks an image up through the background's `image.get`; returns its type and size. */
export function lookupFromPage(page: Page, query: Record<string, string>) {
  return page.evaluate(async (q) => {
    const reply = await (globalThis as any).chrome.runtime.sendMessage({ type: 'image.get', payload: { query: q } });
    if (!reply.ok) return reply;
    return { ok: true, value: { contentType: reply.value.contentType as string, byteLength: (reply.value.bytes as ArrayBuffer).byteLength } };
  }, query) as Promise<Reply<{ contentType: string; byteLength: number }>>;
}
