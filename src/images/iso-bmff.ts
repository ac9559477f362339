/**
 * ISO base media file format (the box container of AVIF, HEIC and MP4). All three start with an
 * `ftyp` box whose brands say which one the file is, so the brands are all sniffing needs.
 */
import { ascii, u32be } from './bytes';

/** The major and compatible brands of a leading `ftyp` box; empty when there is none. */
export function ftypBrands(bytes: Uint8Array): string[] {
  if (ascii(bytes, 4, 4) !== 'ftyp') return [];
  const size = u32be(bytes, 0);
  const end = Math.min(bytes.length, size >= 16 ? size : 16);
  const brands = [ascii(bytes, 8, 4)];
  // Offset 12 is the minor version; compatible brands follow, 4 bytes each.
  for (let pos = 16; pos + 4 <= end; pos += 4) brands.push(ascii(bytes, pos, 4));
  return brands;
}

/** True when every top-level box lies inside the bytes (a cut-off file ends inside a box). */
export function boxesComplete(bytes: Uint8Array): boolean {
  let pos = 0;
  while (pos < bytes.length) {
    if (pos + 8 > bytes.length) return false;
    let size = u32be(bytes, pos);
    if (size === 1) {
      // 64-bit size follows the type; files under the cap never need the high word.
      if (pos + 16 > bytes.length || u32be(bytes, pos + 8) !== 0) return false;
      size = u32be(bytes, pos + 12);
    } else if (size === 0) {
      return true; // "extends to the end of the file"
    }
    if (size < 8) return false;
    pos += size;
  }
  return pos === bytes.length;
}

/** A box: its type and where its content lies (after the header). */
export interface Box {
  type: string;
  start: number;
  end: number;
}

/** The boxes directly inside `[from, to)`, stopping at the first that does not fit. */
export function childBoxes(bytes: Uint8Array, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  let pos = from;
  while (pos + 8 <= to) {
    let size = u32be(bytes, pos);
    let header = 8;
    if (size === 1) {
      if (u32be(bytes, pos + 8) !== 0) break; // over 4 GB: no image we accept
      size = u32be(bytes, pos + 12);
      header = 16;
    } else if (size === 0) {
      size = to - pos;
    }
    if (size < header || pos + size > to) break;
    boxes.push({ type: ascii(bytes, pos + 4, 4), start: pos + header, end: pos + size });
    pos += size;
  }
  return boxes;
}
