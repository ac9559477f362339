/**
 * Finding the image a person pointed at: an <img> (the srcset or <picture> candidate shown, which
 * is also the lazy-loaded one once loaded), or the first CSS background image on the element or
 * an ancestor.
 */

const URL_IN_CSS = /url\(\s*(['"]?)(.*?)\1\s*\)/;

/** The image an element itself shows, if any. */
export function imageSourceOf(el: Element): string | null {
  if (el instanceof HTMLImageElement) return el.currentSrc || el.src || null;
  if (el instanceof HTMLPictureElement) {
    const img = el.querySelector('img');
    return img ? imageSourceOf(img) : null;
  }
  const match = URL_IN_CSS.exec(getComputedStyle(el).backgroundImage || '');
  return match?.[2] ? new URL(match[2], document.baseURI).href : null;
}

/** The image under a point, looking through the stacked elements and up their ancestors. */
export function imageAtPoint(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const found = imageFrom(el);
    if (found) return found;
  }
  return null;
}

/** The image shown by an element or its nearest ancestor that shows one. */
export function imageFrom(el: Element | null): string | null {
  for (let node = el; node; node = node.parentElement) {
    const src = imageSourceOf(node);
    if (src) return src;
  }
  return null;
}
