/**
 * Where a selection on the page lands in a captured picture. The browser's capture is in device
 * pixels: CSS pixels times devicePixelRatio, which already includes the page's zoom. So the one
 * safe scale is the picture's own width over the viewport's CSS width, measured together.
 */

/** A rectangle; its unit is said where it is used. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The viewport's size in CSS pixels (window.innerWidth/innerHeight) when the capture was taken. */
export interface Viewport {
  width: number;
  height: number;
}

/** Device pixels per CSS pixel of a capture: its width over the viewport's. */
export function captureScale(imageWidth: number, viewport: Viewport): number {
  return viewport.width > 0 ? imageWidth / viewport.width : 1;
}

/**
 * A selection in viewport CSS pixels as whole pixels of the captured picture, inside it. Edges are
 * rounded (not the size), so two selections that touch still touch in the picture.
 */
export function regionInCapture(selection: Rect, viewport: Viewport, image: { width: number; height: number }): Rect {
  const scale = captureScale(image.width, viewport);
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  const left = clamp(selection.x * scale, image.width);
  const top = clamp(selection.y * scale, image.height);
  const right = clamp((selection.x + selection.width) * scale, image.width);
  const bottom = clamp((selection.y + selection.height) * scale, image.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** A selection drawn from one corner to another, in any direction, as a rectangle. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** A rectangle kept inside `bounds` (same unit), never negative in size. */
export function clampRect(r: Rect, bounds: { width: number; height: number }): Rect {
  const x = Math.min(bounds.width, Math.max(0, Math.round(r.x)));
  const y = Math.min(bounds.height, Math.max(0, Math.round(r.y)));
  const width = Math.max(0, Math.min(bounds.width - x, Math.round(r.width)));
  const height = Math.max(0, Math.min(bounds.height - y, Math.round(r.height)));
  return { x, y, width, height };
}
