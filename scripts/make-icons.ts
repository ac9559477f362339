/**
 * Draws the extension icon at every size the stores ask for into public/icon/<size>.png, where WXT
 * picks them up for `icons` and `action.default_icon`. Run with `npx tsx scripts/make-icons.ts`
 * after changing the drawing; the PNGs are committed.
 *
 * The mark: a rounded square in a Glean-ish blue with a white "picture" glyph (a sun over two
 * mountains). Each shape is a plain geometric test sampled 8x8 times per pixel, so edges are
 * anti-aliased at 16 px as well as at 128 px, and the output is byte-for-byte reproducible.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../test/sandbox/png';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

type Point = readonly [number, number];
type Rgb = readonly [number, number, number];

// A vertical gradient, lighter at the top: reads as a button rather than a flat tile.
const BLUE_TOP: Rgb = [0x4c, 0x6e, 0xf5];
const BLUE_BOTTOM: Rgb = [0x34, 0x4c, 0xd6];
const WHITE: Rgb = [0xff, 0xff, 0xff];

// Shapes in unit coordinates (0..1 across the icon, y down).
const TILE = { inset: 0.03, radius: 0.22 };
const SUN = { cx: 0.69, cy: 0.31, r: 0.095 };
const BIG_MOUNTAIN: readonly Point[] = [[0.38, 0.34], [0.66, 0.78], [0.1, 0.78]];
const SMALL_MOUNTAIN: readonly Point[] = [[0.67, 0.5], [0.9, 0.78], [0.44, 0.78]];
// A small inset keeps the mountains' base inside the tile's rounded corners.
const GROUND = { top: 0.78, bottom: 0.84, left: 0.1, right: 0.9 };

function insideRoundedSquare(x: number, y: number): boolean {
  const lo = TILE.inset;
  const hi = 1 - TILE.inset;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const r = TILE.radius;
  const cx = Math.min(Math.max(x, lo + r), hi - r);
  const cy = Math.min(Math.max(y, lo + r), hi - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function insideTriangle(x: number, y: number, [a, b, c]: readonly Point[]): boolean {
  const side = (p: Point, q: Point) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a!, b!);
  const d2 = side(b!, c!);
  const d3 = side(c!, a!);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
}

function insideGlyph(x: number, y: number): boolean {
  if ((x - SUN.cx) ** 2 + (y - SUN.cy) ** 2 <= SUN.r ** 2) return true;
  if (y >= GROUND.top && y <= GROUND.bottom && x >= GROUND.left && x <= GROUND.right) return true;
  return insideTriangle(x, y, BIG_MOUNTAIN) || insideTriangle(x, y, SMALL_MOUNTAIN);
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/** The icon as straight (not premultiplied) RGBA, `size` x `size`. */
export function drawIcon(size: number, samples = 8): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const n = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied sums over the pixel's sub-samples.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          if (!insideRoundedSquare(x, y)) continue;
          const colour = insideGlyph(x, y) ? WHITE : mix(BLUE_TOP, BLUE_BOTTOM, y);
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a === 0) continue;
      rgba[i] = Math.round(r / a);
      rgba[i + 1] = Math.round(g / a);
      rgba[i + 2] = Math.round(b / a);
      rgba[i + 3] = Math.round((255 * a) / n);
    }
  }
  return rgba;
}

function main(): void {
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');
  mkdirSync(outDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(outDir, `${size}.png`);
    writeFileSync(file, encodePng(size, size, drawIcon(size)));
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
