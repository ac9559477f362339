/**
 * "Upload background image to Glean" in browsers that do not say which element was right-clicked
 * (Chrome): the page part was not there at that moment, so it asks the person to click the
 * picture once: the topmost picture there that the person can see (image-at.ts). Firefox names
 * the element, and no click is needed.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import type { FindImageReply } from './page-tools-protocol';
import { imageAtPoint, imageFrom, isVisible } from './image-at';
import { showToast, hideToast } from './toast';
import { TOAST_CSS } from './toast-style';

const none = (): FindImageReply => ({ ok: false, message: t('content_noPicture') });

/** Firefox: the element the menu was opened on. */
function targetElement(id: number): Element | null {
  const menus = (browser as unknown as { menus?: { getTargetElement?(id: number): Element | null } }).menus;
  return menus?.getTargetElement?.(id) ?? null;
}

/**
 * Firefox names the topmost element under the pointer, which may be an invisible layer a page put
 * over the picture: then the picture the person saw is the topmost visible one at that layer's
 * centre (the pointer's own position is not known here).
 */
function imageBehind(layer: Element): string | null {
  const box = layer.getBoundingClientRect();
  return imageAtPoint(box.left + box.width / 2, box.top + box.height / 2);
}

/** Finds the picture the person means, by the menu's target or by one click on it. */
export function findImage(targetElementId?: number): Promise<FindImageReply> {
  if (targetElementId !== undefined) {
    const target = targetElement(targetElementId);
    const src = target && !isVisible(target) ? imageBehind(target) : imageFrom(target);
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
    const onKey = (e: KeyboardEvent) => e.isTrusted && e.key === 'Escape' && finish({ ok: false, cancelled: true });
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
