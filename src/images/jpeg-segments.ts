/**
 * JPEG's segment structure: markers with lengths from SOI to EOI, and between them the scans'
 * entropy-coded data, in which a marker byte (FF) is always followed by 00 or a restart marker.
 * Walking it finds the real EOI (not an embedded EXIF thumbnail's, which sits inside a segment)
 * and the size from the frame header, without decoding.
 */
import { u16be } from './bytes';
import type { Wholeness } from './types';

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;

/** Markers that stand alone, without a length: TEM and the restart markers RST0 to RST7. */
const standalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd7);

/** Where the entropy-coded data starting at `pos` ends (the next real marker), or -1 if it runs out. */
function scanEnd(b: Uint8Array, pos: number): number {
  for (;;) {
    const ff = b.indexOf(0xff, pos);
    if (ff < 0 || ff + 1 >= b.length) return -1;
    const next = b[ff + 1]!;
    // Stuffed zero, a restart marker, or fill bytes before a marker: still inside the scan.
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) pos = ff + (next === 0xff ? 1 : 2);
    else return ff;
  }
}

/** A segment with a length: its marker, where its FF is, and its length field (which counts itself). */
export interface Segment {
  marker: number;
  at: number;
  length: number;
}

/**
 * Walks the segments from SOI: `visit` sees each one with a length and may return true to stop
 * there (the result is then 'whole' only in the sense that nothing before it was wrong).
 */
export function walkJpeg(b: Uint8Array, visit?: (segment: Segment) => boolean): Wholeness {
  if (b[0] !== 0xff || b[1] !== SOI) return 'damaged';
  let pos = 2;
  while (pos + 2 <= b.length) {
    if (b[pos] !== 0xff) {
      // Decoders skip stray bytes before a marker (libjpeg warns "extraneous bytes"); so do we.
      const ff = b.indexOf(0xff, pos);
      if (ff < 0) return 'cut-off';
      pos = ff;
      continue;
    }
    const marker = b[pos + 1]!;
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === EOI) return 'whole';
    if (standalone(marker)) {
      pos += 2;
      continue;
    }
    const length = u16be(b, pos + 2);
    if (pos + 4 > b.length || pos + 2 + length > b.length) return 'cut-off';
    if (length < 2) return 'damaged';
    if (visit?.({ marker, at: pos, length })) return 'whole';
    pos += 2 + length;
    if (marker === SOS) {
      pos = scanEnd(b, pos);
      if (pos < 0) return 'cut-off';
    }
  }
  return 'cut-off';
}
