/**
 * An image's size read from its header, and the pixel limit checked against it before anything
 * decodes: a 31 KB PNG can state 16,384 x 16,384 pixels, which a decoder would inflate to 1 GiB.
 */
import { GleanError } from '../glean/errors';
import { messageLanguage, t } from '../i18n/t';
import { avifSize } from './avif-size';
import { ascii, hasBytes, u16le, u24le, u32be, u32le } from './bytes';
import { jpegSize } from './jpeg-size';
import { unreadable } from './decode';
import type { Dimensions, ImageFormat } from './types';

/**
 * The most pixels an upload may have: 100 megapixels, above any camera or screenshot people
 * upload (a 50-megapixel phone photo, an 8K screen at 33), yet at 4 bytes a pixel already 400 MB
 * decoded, more than a background worker should hold. Glean documents no limit of its own.
 */
export const MAX_PIXELS = 100_000_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the IHDR chunk, which must come first. */
function pngSize(b: Uint8Array): Dimensions | undefined {
  return ascii(b, 12, 4) === 'IHDR' ? { width: u32be(b, 16), height: u32be(b, 20) } : undefined;
}

/** WebP: the first chunk's own header (lossy VP8, lossless VP8L, or the extended format's canvas). */
function webpSize(b: Uint8Array): Dimensions | undefined {
  switch (ascii(b, 12, 4)) {
    case 'VP8 ': // frame tag (3 bytes), start code (3), then 14-bit width and height
      return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    case 'VP8L': {
      // Signature 0x2F, then width - 1 and height - 1 in 14 bits each.
      const bits = u32le(b, 21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X': // canvas width - 1 and height - 1, 24 bits each
      return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    default:
      return undefined;
  }
}

/** BMP: the DIB header (OS/2's 12-byte one has 16-bit sizes; a negative height means top-down rows). */
function bmpSize(b: Uint8Array): Dimensions {
  if (u32le(b, 14) === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  return { width: Math.abs(u32le(b, 18) | 0), height: Math.abs(u32le(b, 22) | 0) };
}

/** ICO: the largest image it holds; 0 in the directory means 256, or more for an embedded PNG. */
function icoSize(b: Uint8Array): Dimensions | undefined {
  let best: Dimensions | undefined;
  for (let i = 0; i < u16le(b, 4); i++) {
    const entry = 6 + 16 * i;
    const offset = u32le(b, entry + 12);
    const inner = hasBytes(b, PNG_SIGNATURE, offset) ? pngSize(b.subarray(offset)) : undefined;
    const size = inner ?? { width: b[entry] || 256, height: b[entry + 1] || 256 };
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}

/** The size the header states, or undefined when it states none we can read. */
export function readDimensions(bytes: Uint8Array, format: ImageFormat): Dimensions | undefined {
  const size = ((): Dimensions | undefined => {
    switch (format) {
      case 'png':
        return pngSize(bytes);
      case 'jpeg':
        return jpegSize(bytes);
      case 'gif':
        return { width: u16le(bytes, 6), height: u16le(bytes, 8) };
      case 'webp':
        return webpSize(bytes);
      case 'avif':
        return avifSize(bytes);
      case 'bmp':
        return bmpSize(bytes);
      case 'ico':
        return icoSize(bytes);
    }
  })();
  return size && size.width > 0 && size.height > 0 ? size : undefined;
}

/** "268.4" megapixels, in the user's language, with `digits` decimals at most. */
const megapixels = (pixels: number, digits = 1) => new Intl.NumberFormat(messageLanguage(), { maximumFractionDigits: digits }).format(pixels / 1e6);
const count = (n: number) => new Intl.NumberFormat(messageLanguage()).format(n);

/** Why an image of `size` is refused, or undefined when it is within the pixel limit. */
export function pixelLimitMessage(size: Dimensions): string | undefined {
  const pixels = size.width * size.height;
  if (pixels <= MAX_PIXELS) return undefined;
  const limit = megapixels(MAX_PIXELS);
  // Never "100 megapixels; the limit is 100": more decimals until the two differ.
  let digits = 1;
  while (megapixels(pixels, digits) === limit && digits < 6) digits++;
  return t('image_tooManyPixels', count(size.width), count(size.height), megapixels(pixels, digits), limit);
}

/**
 * The header's size, once it is known to be within the pixel limit; throws the user-facing
 * refusal otherwise (and when the header states no size, as no decodable image does).
 */
export function checkedDimensions(bytes: Uint8Array, format: ImageFormat): Dimensions {
  const size = readDimensions(bytes, format);
  if (!size) throw unreadable(format, undefined);
  const refusal = pixelLimitMessage(size);
  if (refusal) throw new GleanError('invalid-input', refusal);
  return size;
}
