/**
 * "Select a region": a layer over the page, in a closed shadow root (the page's scripts cannot
 * reach it), to drag a rectangle with its size shown; Esc cancels. It is the only thing written to
 * the page, and it is removed, and two frames painted without it, before the answer goes back, so
 * the capture that follows shows the page alone. Only the person's own input counts (isTrusted).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../i18n/t';
import { rectBetween, type Rect } from '../screenshots/geometry';
import { REGION_CSS } from './region-style';

/** What the background asks, and what it gets back (rect and viewport in CSS pixels). */
export type RegionReply = { ok: true; rect: Rect; viewport: { width: number; height: number } } | { ok: false };

const flag = '__gleanImagesRegionSelect';

function painted(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Lets the person drag a rectangle; resolves once the layer is gone from the screen. */
export function selectRegion(): Promise<RegionReply> {
  return new Promise((resolve) => {
    const host = document.createElement('glean-images-region');
    const shadow = host.attachShadow({ mode: 'closed' });
    const el = (className: string, text = '') => Object.assign(document.createElement('div'), { className, textContent: text });
    const layer = el('layer');
    const box = el('box');
    const size = el('size');
    const hint = el('hint', t('content_dragRegion'));
    layer.append(box, size, hint);
    shadow.append(Object.assign(document.createElement('style'), { textContent: REGION_CSS }), layer);
    let start: { x: number; y: number } | null = null;
    let rect: Rect | null = null;

    const finish = async (reply: RegionReply) => {
      window.removeEventListener('keydown', onKey, true);
      host.remove();
      await painted();
      resolve(reply);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!e.isTrusted || e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      void finish({ ok: false });
    };
    const show = (r: Rect) => {
      Object.assign(box.style, { display: 'block', left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
      size.textContent = `${Math.round(r.width)} × ${Math.round(r.height)}`;
      Object.assign(size.style, { display: 'block', left: `${r.x}px`, top: `${Math.max(0, r.y - 26)}px` });
    };
    // The drag is ours: the page's own handlers (which bubble) do not get to act on it.
    for (const type of ['pointerdown', 'pointermove', 'pointerup', 'click', 'mousedown', 'mouseup'] as const) layer.addEventListener(type, (e) => e.stopPropagation());
    layer.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      if (!e.isTrusted || e.button !== 0) return;
      start = { x: e.clientX, y: e.clientY };
      hint.style.display = 'none';
      layer.setPointerCapture(e.pointerId);
    });
    layer.addEventListener('pointermove', (e) => {
      if (!start || !e.isTrusted) return;
      rect = rectBetween(start, { x: e.clientX, y: e.clientY });
      show(rect);
    });
    layer.addEventListener('pointerup', (e) => {
      if (!start || !e.isTrusted) return;
      rect = rectBetween(start, { x: e.clientX, y: e.clientY });
      start = null;
      // A click without a drag selects nothing: keep the layer for another try.
      if (rect.width < 2 || rect.height < 2) return;
      void finish({ ok: true, rect, viewport: { width: window.innerWidth, height: window.innerHeight } });
    });
    window.addEventListener('keydown', onKey, true);
    document.documentElement.append(host);
  });
}

/** Answers the background's "select-region", once per injection. */
export function init(ctx: ContentScriptContext): void {
  const scope = globalThis as Record<string, unknown>;
  if (scope[flag]) return;
  scope[flag] = true;
  const listener = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    if ((message as { tool?: unknown } | null)?.tool !== 'select-region') return undefined;
    return selectRegion();
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(listener);
    scope[flag] = false;
  });
}
