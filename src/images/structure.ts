/**
 * Cheap completeness checks, one per format. A cut-off download often still decodes (browsers
 * paint what arrived and grey out the rest), so decoding alone would let half a picture through;
 * every format here has an end marker or a length field that a cut-off file cannot satisfy.
 */
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import { hasBytes, lengthWithoutZeroPadding, u16le, u32le } from './bytes';
import { scanGif } from './gif-blocks';
import { boxesComplete } from './iso-bmff';
import { FORMAT_LABEL, type ImageFormat } from './types';

// An empty IEND chunk: length 0, type, then its fixed CRC.
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** PNG: the IEND chunk. Searched from the end, as some tools append data after it. */
function pngComplete(b: Uint8Array): boolean {
  for (let at = b.length - IEND.length; at >= 8; at--) if (hasBytes(b, IEND, at)) return true;
  return false;
}

/**
 * JPEG: the EOI marker (FF D9). Usually last (after optional zero padding), but phones append
 * data after it (motion photos carry a whole video), so otherwise look for EOI after the first
 * scan, skipping the header segments where an embedded EXIF thumbnail has its own EOI.
 */
function jpegComplete(b: Uint8Array): boolean {
  const end = lengthWithoutZeroPadding(b);
  if (end >= 4 && b[end - 2] === 0xff && b[end - 1] === 0xd9) return true;
  let pos = 2;
  while (pos + 4 <= b.length && b[pos] === 0xff) {
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos++; // fill byte before a marker
      continue;
    }
    const length = (b[pos + 2]! << 8) | b[pos + 3]!;
    pos += 2 + length;
    if (marker === 0xda) break; // start of scan: entropy-coded data follows
  }
  // Inside scan data an FF is always followed by 00 or a restart marker, so FF D9 is the real EOI.
  for (let i = pos; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
  return false;
}

/**
 * GIF: walking the blocks must reach the 0x3B trailer. A byte of 0x3B at the end proves little
 * (image data holds any byte), so it only decides for files whose blocks the walk cannot follow.
 */
function gifComplete(b: Uint8Array): boolean {
  const scan = scanGif(b);
  return scan.complete || (!scan.cutOff && b[lengthWithoutZeroPadding(b) - 1] === 0x3b);
}

/** WebP: the RIFF size field counts every byte after the first 8. */
function webpComplete(b: Uint8Array): boolean {
  return b.length >= u32le(b, 4) + 8;
}

/** BMP: the file size field (0 in some writers, then the pixel data offset is all we can check). */
function bmpComplete(b: Uint8Array): boolean {
  const size = u32le(b, 2);
  return size > 0 ? b.length >= size : b.length > u32le(b, 10);
}

/** ICO: every image the directory lists must lie inside the file. */
function icoComplete(b: Uint8Array): boolean {
  const count = u16le(b, 4);
  if (b.length < 6 + 16 * count) return false;
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i;
    if (u32le(b, entry + 12) + u32le(b, entry + 8) > b.length) return false;
  }
  return true;
}

/** True if the bytes hold a whole image of `format`, judged from its structure alone. */
export function isComplete(bytes: Uint8Array, format: ImageFormat): boolean {
  switch (format) {
    case 'png':
      return pngComplete(bytes);
    case 'jpeg':
      return jpegComplete(bytes);
    case 'gif':
      return gifComplete(bytes);
    case 'webp':
      return webpComplete(bytes);
    case 'avif':
      return boxesComplete(bytes);
    case 'bmp':
      return bmpComplete(bytes);
    case 'ico':
      return icoComplete(bytes);
  }
}

/** Throws the user-facing refusal when the image is cut off. */
export function assertComplete(bytes: Uint8Array, format: ImageFormat): void {
  if (isComplete(bytes, format)) return;
  throw new GleanError('invalid-input', t('image_incomplete', FORMAT_LABEL[format]));
}

