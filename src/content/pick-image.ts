/**
 * "Upload background image to Glean" in browsers that do not say which element was right-clicked
 * (Chrome): the page part was not there at that moment, so it asks the person to click the
 * picture once: the topmost picture there that the person can see (image-at.ts). Firefox names
 * the element, and no click is needed.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import type { FindImageReply } from './page-tools-protocol';
import { imageAtPoint, imageFrom } from './image-at';
import { showToast, hideToast } from './toast';
import { TOAST_CSS } from './toast-style';

const none = (): FindImageReply => ({ ok: false, message: t('content_noPicture') });

/** Firefox: the element the menu was opened on. */
function targetElement(id: number): Element | null {
  const menus = (browser as unknown as { menus?: { getTargetElement?(id: number): Element | null } }).menus;
  return menus?.getTargetElement?.(id) ?? null;
}

/** Finds the picture the person means, by the menu's target or by one click on it. */
export function findImage(targetElementId?: number): Promise<FindImageReply> {
  if (targetElementId !== undefined) {
    const src = imageFrom(targetElement(targetElementId));
    return Promise.resolve(src ? { ok: true, src } : none());
  }
  return new Promise((resolve) => {
    const host = document.createElement('glean-images-picker');
    const shadow = host.attachShadow({ mode: 'closed' });
    const layer = Object.assign(document.createElement('div'), { className: 'pick' });
    shadow.append(Object.assign(document.createElement('style'), { textContent: TOAST_CSS }), layer);
    const finish = (reply: FindImageReply) => {
      host.remove();
      window.removeEventListener('keydown', onKey, true);
      hideToast();
      resolve(reply);
    };
    // Only the person's own input counts (isTrusted): a page script could send a synthetic Escape
    // to cancel, or a click at a point of its choosing.
    const onKey = (e: KeyboardEvent) => e.isTrusted && e.key === 'Escape' && finish({ ok: false, message: 'cancelled' });
    layer.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      if (!e.isTrusted) return;
      host.remove(); // so the layer itself is not what lies under the point
      const src = imageAtPoint(e.clientX, e.clientY);
      finish(src ? { ok: true, src } : none());
    });
    window.addEventListener('keydown', onKey, true);
    document.documentElement.append(host);
    showToast({ kind: 'info', message: t('content_clickPicture') });
  });
}
