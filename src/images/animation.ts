/**
 * Whether an image moves. Processing draws one frame onto a canvas, so an animated image would be
 * flattened to its first frame; knowing it is animated lets us keep it whole and say why.
 */
import { ascii, u32be, u32le } from './bytes';
import { scanGif } from './gif-blocks';
import { ftypBrands } from './iso-bmff';
import type { ImageFormat } from './types';

/** APNG: an acTL chunk before the first IDAT (after it, the PNG is a still image). */
function apng(bytes: Uint8Array): boolean {
  let pos = 8;
  while (pos + 8 <= bytes.length) {
    const type = ascii(bytes, pos + 4, 4);
    if (type === 'acTL') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    pos += 12 + u32be(bytes, pos); // length + type + data + CRC
  }
  return false;
}

/** WebP: the VP8X animation flag, or ANIM/ANMF chunks (for files that set the chunks only). */
function animatedWebp(bytes: Uint8Array): boolean {
  if (ascii(bytes, 12, 4) === 'VP8X' && ((bytes[20] ?? 0) & 0x02) !== 0) return true;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const type = ascii(bytes, pos, 4);
    if (type === 'ANIM' || type === 'ANMF') return true;
    const size = u32le(bytes, pos + 4);
    pos += 8 + size + (size & 1); // RIFF chunks are padded to an even length
  }
  return false;
}

/** True if the image has more than one frame. Pass the whole file: a GIF's frames may lie far in. */
export function isAnimated(bytes: Uint8Array, format: ImageFormat): boolean {
  switch (format) {
    case 'gif':
      return scanGif(bytes, 2).frames > 1;
    case 'png':
      return apng(bytes);
    case 'webp':
      return animatedWebp(bytes);
    case 'avif':
      // 'avis' is the brand of an AVIF image sequence.
      return ftypBrands(bytes).includes('avis');
    default:
      return false; // JPEG, BMP and ICO have no animation
  }
}
