/**
 * Generated pictures: profile "avatars" (a coloured disc with a letter) for the seeded USER
 * images, and decorative gradients for the demo page. Generated rather than checked in so the
 * repo holds no binaries and every picture is reproducible byte for byte.
 */
import { encodePng } from './png.js';

export type Rgb = readonly [number, number, number];

/** 5x7 bitmap glyphs, only the letters the seeded people need. */
const GLYPHS: Record<string, readonly string[]> = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  B: ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
};

/** Parses "#rrggbb". */
export function hexColour(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`bad colour ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/**
 * size x size PNG: transparent background, an anti-aliased disc in `colour`, and `letter`
 * (if it has a glyph) in white in the middle.
 */
export function avatarPng(colour: Rgb, letter: string, size = 96): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const radius = size / 2 - 4;
  const glyph = GLYPHS[letter.toUpperCase()];
  const scale = Math.max(1, Math.floor(size / 16));
  const gx = Math.round(centre - (5 * scale) / 2);
  const gy = Math.round(centre - (7 * scale) / 2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      const coverage = Math.min(1, Math.max(0, radius - d + 0.5)); // soft 1px edge
      const row = glyph?.[Math.floor((y - gy) / scale)];
      const onGlyph = y >= gy && x >= gx && row?.[Math.floor((x - gx) / scale)] === '#';
      const [r, g, b] = onGlyph ? [255, 255, 255] : colour;
      rgba.set([r, g, b, Math.round(coverage * 255)], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, rgba);
}

/** width x height PNG: a diagonal gradient from `colour` to a lighter tint, with soft stripes. */
export function gradientPng(colour: Rgb, width = 320, height = 200): Buffer {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2; // 0 at top-left, 1 at bottom-right
      const stripe = Math.floor((x + y) / 24) % 2 === 0 ? 0 : 0.06;
      const mix = Math.min(1, t * 0.6 + stripe);
      const px = colour.map((c) => Math.round(c + (255 - c) * mix));
      rgba.set([px[0]!, px[1]!, px[2]!, 255], (y * width + x) * 4);
    }
  }
  return encodePng(width, height, rgba);
}
