/**
 * The page part the background injects when the user acts (right-click upload, "This page"): it
 * reads image bytes the page itself may read (blob: URLs, same-origin or CORS-enabled images).
 * It answers only this extension's background, and only the requests below.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** A request from the background to the page part. */
export type PageToolRequest = { tool: 'read-image'; src: string; capBytes: number };

/** The answer: bytes as an ArrayBuffer (structured clone), or why they could not be read. */
export type PageToolReply = { ok: true; bytes: ArrayBuffer; type: string } | { ok: false; message: string };

const flag = '__gleanImagesPageTools';

async function readImage(src: string, capBytes: number): Promise<PageToolReply> {
  try {
    const response = await fetch(src, { credentials: 'include' });
    if (!response.ok) return { ok: false, message: `The page answered ${response.status} for this image.` };
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > capBytes) return { ok: false, message: 'too-large' };
    const blob = await response.blob();
    if (blob.size > capBytes) return { ok: false, message: 'too-large' };
    return { ok: true, bytes: await blob.arrayBuffer(), type: blob.type };
  } catch {
    return { ok: false, message: 'The page does not allow reading this image.' };
  }
}

function isPageToolRequest(m: unknown): m is PageToolRequest {
  const r = m as Partial<PageToolRequest> | null;
  return typeof r === 'object' && r !== null && r.tool === 'read-image' && typeof r.src === 'string' && typeof r.capBytes === 'number';
}

/** Listens for the background's requests; injecting twice still answers once. */
export function init(ctx: ContentScriptContext): void {
  const scope = globalThis as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    // Only this extension's own contexts (not another tab) may ask.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if (!isPageToolRequest(message)) return undefined;
    return readImage(message.src, message.capBytes);
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    scope[flag] = false;
  });
}
