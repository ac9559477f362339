/**
 * Completeness checks from the container alone, one per format. A cut-off download often still
 * decodes (browsers paint what arrived and grey out the rest), so decoding would not catch it
 * anyway; every format here has an end marker, a length field or checksums that a cut-off or
 * damaged file cannot satisfy. What they cannot see (damage inside compressed data that has no
 * checksum, as in JPEG, WebP and AVIF) is said in the README.
 */
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import { ascii, lengthWithoutZeroPadding, u16le, u32le } from './bytes';
import { unreadable } from './decode';
import { scanGif } from './gif-blocks';
import { boxesComplete } from './iso-bmff';
import { walkJpeg } from './jpeg-segments';
import { pngWholeness } from './png-chunks';
import { FORMAT_LABEL, type ImageFormat, type Wholeness } from './types';

const whole = (ok: boolean): Wholeness => (ok ? 'whole' : 'cut-off');

/**
 * GIF: walking the blocks must reach the 0x3B trailer. A byte of 0x3B at the end proves little
 * (image data holds any byte), so it only decides for files whose blocks the walk cannot follow.
 */
function gifWholeness(b: Uint8Array): Wholeness {
  const scan = scanGif(b);
  if (scan.complete) return 'whole';
  if (scan.cutOff) return 'cut-off';
  return whole(b[lengthWithoutZeroPadding(b) - 1] === 0x3b);
}

/** WebP: the RIFF size counts every byte after the first 8, and the chunks inside fill it exactly. */
function webpWholeness(b: Uint8Array): Wholeness {
  const riffEnd = u32le(b, 4) + 8;
  if (b.length < riffEnd) return 'cut-off';
  let pos = 12;
  while (pos + 8 <= riffEnd) {
    const size = u32le(b, pos + 4);
    pos += 8 + size + (size & 1); // chunks are padded to an even length
  }
  if (pos !== riffEnd) return 'damaged';
  return ascii(b, 12, 3) === 'VP8' ? 'whole' : 'damaged';
}

/** BMP: the file size field (0 in some writers, then the pixel data offset is all we can check). */
function bmpWholeness(b: Uint8Array): Wholeness {
  const size = u32le(b, 2);
  return whole(size > 0 ? b.length >= size : b.length > u32le(b, 10));
}

/** ICO: every image the directory lists must lie inside the file. */
function icoWholeness(b: Uint8Array): Wholeness {
  const count = u16le(b, 4);
  if (b.length < 6 + 16 * count) return 'cut-off';
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    if (u32le(b, entry + 12) + u32le(b, entry + 8) > b.length) return 'cut-off';
  }
  return 'whole';
}

/** What the container says of the bytes: whole, cut off, or damaged. */
export function wholeness(bytes: Uint8Array, format: ImageFormat): Wholeness {
  switch (format) {
    case 'png':
      return pngWholeness(bytes);
    case 'jpeg':
      return walkJpeg(bytes);
    case 'gif':
      return gifWholeness(bytes);
    case 'webp':
      return webpWholeness(bytes);
    case 'avif':
      return whole(boxesComplete(bytes));
    case 'bmp':
      return bmpWholeness(bytes);
    case 'ico':
      return icoWholeness(bytes);
  }
}

/** True if the bytes hold a whole, undamaged image of `format`, judged from its structure alone. */
export function isComplete(bytes: Uint8Array, format: ImageFormat): boolean {
  return wholeness(bytes, format) === 'whole';
}

/** Throws the user-facing refusal when the image is cut off or damaged. */
export function assertComplete(bytes: Uint8Array, format: ImageFormat): void {
  const found = wholeness(bytes, format);
  if (found === 'cut-off') throw new GleanError('invalid-input', t('image_incomplete', FORMAT_LABEL[format]));
  if (found === 'damaged') throw unreadable(format, undefined);
}
