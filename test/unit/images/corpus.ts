/**
 * Test images built in code (no binary files in the repo): real PNGs from the sandbox encoder,
 * and hand-built minimal files for the other formats, exact in the parts our checks read.
 */
import { deflateSync } from 'node:zlib';
import { crc32 } from '../../sandbox/png';
import { solidPng } from '../../sandbox/server';

/** Bytes backed by a plain ArrayBuffer, as Blob parts must be. */
export type Bytes = Uint8Array<ArrayBuffer>;

const enc = new TextEncoder();
export const text = (s: string): Bytes => enc.encode(s);
export const concat = (...parts: (Uint8Array | number[] | string)[]): Bytes =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : [...p])));
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

/** A real, decodable w x h PNG. */
export const png = (w = 4, h = 3): Bytes => new Uint8Array(solidPng(w, h, [200, 30, 30, 255]));

const pngChunk = (type: string, data: Uint8Array | number[]): Bytes => {
  const body = concat(type, data);
  return concat(be32(body.length - 4), body, be32(crc32(body)));
};

/**
 * A real decompression bomb: a 1-bit greyscale PNG of w x h black pixels. Deflate shrinks the
 * zero rows about a thousandfold, so 16,384 x 16,384 (1 GiB once decoded to RGBA) is some 33 KB.
 */
export function pngStating(w: number, h: number): Bytes {
  const rows = new Uint8Array((1 + Math.ceil(w / 8)) * h); // filter byte 0 + packed bits, all zero
  const ihdr = [...be32(w), ...be32(h), 1, 0, 0, 0, 0]; // bit depth 1, greyscale
  return concat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(rows, { level: 9 })), pngChunk('IEND', []));
}

/** An APNG: a PNG with an acTL chunk (2 frames) between IHDR and IDAT. */
export function apng(): Bytes {
  const base = png(4, 4);
  const data = [...be32(2), ...be32(0)];
  const body = concat('acTL', data);
  const actl = concat(be32(8), body, be32(crc32(body)));
  const afterIhdr = 8 + 25; // signature + IHDR chunk (4 + 4 + 13 + 4)
  return concat(base.subarray(0, afterIhdr), actl, base.subarray(afterIhdr));
}

/** A baseline JPEG skeleton: SOI, APP0, SOF0 (w x h), SOS, scan bytes, EOI. */
export function jpeg(w = 8, h = 6, scan: number[] = [0x12, 0xff, 0x00, 0x34]): Bytes {
  return concat(
    [0xff, 0xd8],
    [0xff, 0xe0, 0x00, 0x10], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1],
    [0xff, 0xda, 0x00, 0x0c, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0],
    scan,
    [0xff, 0xd9],
  );
}

/** A GIF89a with `frames` 1x1 frames (and the looping extension when animated). */
export function gif(frames = 1, w = 2, h = 2): Bytes {
  const frame = [
    0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00, // graphic control extension
    0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x00, // image descriptor, no local colour table
    0x02, 0x02, 0x4c, 0x01, 0x00, // LZW min code size, one sub-block, terminator
  ];
  const loop = frames > 1 ? concat([0x21, 0xff, 0x0b], 'NETSCAPE2.0', [3, 1, 0, 0, 0]) : [];
  return concat('GIF89a', le16(w), le16(h), [0x80, 0, 0], [0, 0, 0, 255, 255, 255], loop, ...Array(frames).fill(frame), [0x3b]);
}

const riff = (kind: string, chunks: Uint8Array): Bytes => concat('RIFF', le32(4 + chunks.length), kind, chunks);
const chunk = (type: string, data: number[]): Bytes =>
  concat(type, le32(data.length), data, data.length % 2 ? [0] : []);

/** A lossy WebP: RIFF/WEBP with one VP8 chunk (frame header carries w x h). */
export function webp(w = 4, h = 3): Bytes {
  return riff('WEBP', chunk('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, ...le16(w), ...le16(h), 0, 0, 0]));
}

/** An extended WebP (VP8X) with the animation flag, an ANIM chunk and one ANMF frame. */
export function webpAnimated(animFlag = true): Bytes {
  const vp8x = chunk('VP8X', [animFlag ? 0x02 : 0x00, 0, 0, 0, 3, 0, 0, 2, 0, 0]);
  const rest = animFlag ? concat(chunk('ANIM', [0, 0, 0, 0, 0, 0]), chunk('ANMF', Array(16).fill(0))) : chunk('VP8 ', [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 4, 0, 3, 0]);
  return riff('WEBP', concat(vp8x, rest));
}

/** An ISO-BMFF file: ftyp (major + compatible brands), then an mdat box. */
export function isoBmff(major: string, compatible: string[], mdat = 16): Bytes {
  const ftyp = concat(be32(16 + 4 * compatible.length), 'ftyp', major, be32(0), ...compatible);
  return concat(ftyp, be32(8 + mdat), 'mdat', Array(mdat).fill(7));
}
export const avif = (major = 'avif'): Bytes => isoBmff(major, ['mif1', 'miaf', major]);

/** A 24-bit BMP (BITMAPINFOHEADER), rows padded to 4 bytes. */
export function bmp(w = 3, h = 2): Bytes {
  const row = Math.ceil((w * 3) / 4) * 4;
  const pixels = Array(row * h).fill(0x80);
  const size = 14 + 40 + pixels.length;
  return concat('BM', le32(size), le32(0), le32(54), le32(40), le32(w), le32(h), le16(1), le16(24), le32(0), le32(pixels.length), le32(2835), le32(2835), le32(0), le32(0), pixels);
}

/** An ICO holding one PNG image (as modern icons do). */
export function ico(): Bytes {
  const image = png(16, 16);
  return concat([0, 0, 1, 0], le16(1), [16, 16, 0, 0], le16(1), le16(32), le32(image.length), le32(22), image);
}

export const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
export const HTML = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please log in</body></html>';
