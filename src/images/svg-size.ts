/**
 * The pixel size an SVG drawing renders at, from its root element's width, height and viewBox,
 * the way a browser sizes an <img> of it. Plain text parsing so it runs (and is tested) anywhere.
 */

/** The size to render at (capped) and the drawing's own size in CSS pixels (uncapped). */
export interface SvgSize {
  width: number;
  height: number;
  naturalWidth: number;
  naturalHeight: number;
}

// CSS pixels per unit; em and ex assume the default 16px font, as an <img> of an SVG does.
const UNIT_PX: Record<string, number> = {
  '': 1, px: 1, pt: 4 / 3, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4, em: 16, rem: 16, ex: 8,
};

/** A length in px; undefined for percentages, "auto", or nonsense (they give no intrinsic size). */
export function parseSvgLength(value: string | undefined): number | undefined {
  const m = /^\s*\+?(\d*\.?\d+(?:e[+-]?\d+)?)\s*([a-z]*)\s*$/i.exec(value ?? '');
  const factor = m ? UNIT_PX[m[2]!.toLowerCase()] : undefined;
  if (!m || factor === undefined) return undefined;
  const px = Number(m[1]) * factor;
  return px > 0 && Number.isFinite(px) ? px : undefined;
}

/** The attributes of the root <svg> start tag (comments removed first, so one inside is ignored). */
export function svgRootAttributes(text: string): Record<string, string> | undefined {
  const tag = /<(?:[\w.-]+:)?svg((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  if (!tag) return undefined;
  const attrs: Record<string, string> = {};
  for (const a of (tag[1] ?? '').matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[a[1]!] = a[2] ?? a[3] ?? '';
  return attrs;
}

/** Width and height of a viewBox "minX minY width height", when it is valid. */
function viewBoxSize(value: string | undefined): { w: number; h: number } | undefined {
  const parts = (value ?? '').trim().split(/[\s,]+/).map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [, , w, h] = parts as [number, number, number, number];
  return w > 0 && h > 0 ? { w, h } : undefined;
}

/** The size to rasterise `text` at: its own size, scaled down so neither side exceeds `maxSize`. */
export function svgSize(text: string, maxSize = 2048): SvgSize {
  const attrs = svgRootAttributes(text) ?? {};
  const w = parseSvgLength(attrs.width);
  const h = parseSvgLength(attrs.height);
  const box = viewBoxSize(attrs.viewBox);
  // Browsers fill a missing side from the viewBox's aspect ratio, else use 300 x 150 (CSS default).
  const naturalWidth = w ?? (h !== undefined && box ? (h * box.w) / box.h : (box?.w ?? 300));
  const naturalHeight = h ?? (w !== undefined && box ? (w * box.h) / box.w : (box?.h ?? 150));
  const scale = Math.min(1, maxSize / Math.max(naturalWidth, naturalHeight));
  return {
    width: Math.max(1, Math.round(naturalWidth * scale)),
    height: Math.max(1, Math.round(naturalHeight * scale)),
    naturalWidth,
    naturalHeight,
  };
}
