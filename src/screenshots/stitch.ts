/**
 * Whole-page capture by scrolling (Chrome): which rows of each screen go where in the page's
 * picture, so that every row of the page is drawn exactly once. A header or footer that stays on
 * screen (position fixed or sticky) is kept from the first screen (header) and the last (footer)
 * only: the other screens give just the rows between them. All in CSS pixels.
 */

/** One screen as captured: where the page was scrolled to and what stayed on top and bottom. */
export interface Screen {
  scrollY: number;
  /** Height of what stays at the top of the viewport while scrolling (a fixed or stuck header). */
  top: number;
  /** Height of what stays at the bottom (a fixed footer or cookie bar). */
  bottom: number;
}

/** Rows `[srcY, srcY + height)` of a screen's viewport, drawn at page row `destY`. */
export interface Band {
  srcY: number;
  destY: number;
  height: number;
}

/**
 * The band a screen adds, given the page rows already drawn (`covered`): from the first row not
 * drawn yet (below the header, except on the first screen) to the footer (except on the last
 * screen, which also shows the footer once). Null when it adds nothing.
 */
export function bandOf(screen: Screen, covered: number, viewportHeight: number, pageHeight: number, first: boolean, last: boolean): Band | null {
  const from = Math.max(covered, screen.scrollY + (first ? 0 : screen.top));
  const to = Math.min(pageHeight, screen.scrollY + viewportHeight - (last ? 0 : screen.bottom));
  if (to <= from) return null;
  return { srcY: from - screen.scrollY, destY: from, height: to - from };
}

/**
 * Where to scroll next to continue at page row `covered`: the header of the next screen will hide
 * its top rows, so scroll that much less. Never backwards, and at least one row on.
 */
export function nextScroll(covered: number, previous: Screen): number {
  return Math.max(previous.scrollY + 1, covered - previous.top);
}

/**
 * A header that only got stuck on this screen hides rows not drawn yet: where to scroll instead
 * (now that its height is known), or null when nothing is missed.
 */
export function rescrollTarget(screen: Screen, covered: number): number | null {
  return screen.scrollY + screen.top > covered ? Math.max(0, covered - screen.top) : null;
}

/** Whether a screen at `scrollY` reaches the page's end. */
export function reachesEnd(scrollY: number, viewportHeight: number, pageHeight: number): boolean {
  return scrollY + viewportHeight >= pageHeight;
}

/** The browsers' canvas limits (Chrome: 32,767 px a side; both: about 268 million pixels). */
export const CANVAS_MAX_SIDE = 32_000;
export const CANVAS_MAX_AREA = 200_000_000;

/**
 * The scale that keeps a page picture of `width` x `height` device pixels inside the canvas
 * limits: 1 when it fits, less when the page is too tall (the editor says so in words).
 */
export function fitScale(width: number, height: number): number {
  const side = CANVAS_MAX_SIDE / Math.max(width, height);
  const area = Math.sqrt(CANVAS_MAX_AREA / Math.max(1, width * height));
  return Math.min(1, side, area);
}
