/**
 * PNG's chunk structure: length, type, data, CRC, from the 8-byte signature to IEND. Walking it
 * proves a file whole (a cut-off one ends inside a chunk) and undamaged (each chunk's CRC covers
 * its type and data), without inflating a single pixel.
 */
import { ascii, u32be } from './bytes';
import { crc32 } from './crc32';
import type { Wholeness } from './types';

// Length (4) + type (4) before the data, CRC (4) after it.
const CHUNK_OVERHEAD = 12;

/** Whole (IEND reached, every CRC right), cut off, or damaged. Data after IEND is allowed. */
export function pngWholeness(b: Uint8Array): Wholeness {
  let pos = 8;
  while (pos + CHUNK_OVERHEAD <= b.length) {
    const length = u32be(b, pos);
    const end = pos + CHUNK_OVERHEAD + length;
    if (end > b.length) return 'cut-off';
    if (crc32(b, pos + 4, end - 4) !== u32be(b, end - 4)) return 'damaged';
    if (ascii(b, pos + 4, 4) === 'IEND') return 'whole';
    pos = end;
  }
  return 'cut-off';
}
