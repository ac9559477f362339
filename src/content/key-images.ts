/**
 * Shows images named by `data-glean-image-key` on pages of enabled sites: the background fetches
 * them with the token and sends the bytes; the page gets a local blob: URL in their place.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LIMITS, type ResolvedImage } from '../messaging/protocol';
import { send } from '../messaging/send';

const SELECTOR = 'img[data-glean-image-key]:not([data-glean-state])';

/** Applies one answer to the elements that asked for it. */
function apply(result: ResolvedImage, elements: HTMLImageElement[], urls: string[]): void {
  for (const img of elements) {
    if (result.ok) {
      const url = URL.createObjectURL(new Blob([result.bytes], { type: result.contentType }));
      urls.push(url);
      if (img.getAttribute('src')) img.dataset.gleanOriginalSrc = img.getAttribute('src')!;
      img.src = url;
      img.dataset.gleanState = 'shown';
    } else {
      img.dataset.gleanState = 'failed';
      img.title = `Glean image not shown: ${result.error.message}`;
    }
  }
}

/** Finds keyed images once the page is idle and swaps in what the background returns. */
export async function init(ctx: ContentScriptContext): Promise<void> {
  const byKey = new Map<string, HTMLImageElement[]>();
  for (const img of document.querySelectorAll<HTMLImageElement>(SELECTOR)) {
    const key = img.dataset.gleanImageKey?.trim();
    if (!key || key.length > LIMITS.keyLength) continue;
    img.dataset.gleanState = 'pending';
    byKey.set(key, [...(byKey.get(key) ?? []), img]);
  }
  if (!byKey.size) return;
  const urls: string[] = [];
  ctx.onInvalidated(() => urls.forEach((u) => URL.revokeObjectURL(u)));
  const keys = [...byKey.keys()];
  for (let i = 0; i < keys.length && ctx.isValid; i += LIMITS.keysPerResolve) {
    const batch = keys.slice(i, i + LIMITS.keysPerResolve);
    try {
      for (const result of await send('page.resolve', { keys: batch })) apply(result, byKey.get(result.key) ?? [], urls);
    } catch (e) {
      const error = { kind: 'unavailable', message: e instanceof Error ? e.message : String(e) };
      for (const key of batch) apply({ key, ok: false, error }, byKey.get(key) ?? [], urls);
    }
  }
}
