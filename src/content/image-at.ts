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

// Below these a layer shows (next to) nothing: a page could lay such an image over the one the
// person sees, to have them upload a picture they never saw.
const MIN_OPACITY = 0.1;
const MIN_SIDE_PX = 4;

/** A clip: rect(...) that leaves less than MIN_SIDE_PX either way. */
function clippedAway(clip: string): boolean {
  const sides = /^rect\(([^)]*)\)$/.exec(clip.trim())?.[1]?.split(/[\s,]+/).map((v) => parseFloat(v));
  if (!sides || sides.length !== 4 || sides.some((v) => Number.isNaN(v))) return false;
  const [top, right, bottom, left] = sides as [number, number, number, number];
  return right - left < MIN_SIDE_PX || bottom - top < MIN_SIDE_PX;
}

/**
 * Whether a person can see an element: not hidden, not (nearly) transparent itself or through an
 * ancestor, not too small, not clipped away. A clip-path needs no check: the browser's hit test,
 * which gives us the elements under the point, already leaves out what it clips.
 */
export function isVisible(el: Element): boolean {
  const box = el.getBoundingClientRect();
  if (box.width < MIN_SIDE_PX || box.height < MIN_SIDE_PX) return false;
  const visibility = getComputedStyle(el).visibility;
  if (visibility === 'hidden' || visibility === 'collapse') return false;
  let opacity = 1;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    opacity *= Number.parseFloat(style.opacity || '1');
    if (opacity < MIN_OPACITY || clippedAway(style.clip || 'auto')) return false;
  }
  return true;
}

/**
 * The image under a point: the topmost element a person can see that shows one (itself or through
 * an ancestor); invisible layers above it are looked through, never taken.
 */
export function imageAtPoint(x: number, y: number): string | null {
  for (const el of document.elementsFromPoint(x, y)) {
    if (!isVisible(el)) continue;
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
