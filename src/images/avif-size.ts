/**
 * An AVIF's size from its boxes: meta > iprp > ipco holds the item properties, ipma says which
 * belong to the primary item (pitm), and of those `ispe` gives the size and `irot` a rotation.
 * Reading them costs microseconds; decoding an AV1 picture costs tens of milliseconds.
 */
import { u16be, u32be } from './bytes';
import { childBoxes, type Box } from './iso-bmff';
import type { Dimensions } from './types';

const find = (boxes: Box[], type: string) => boxes.find((b) => b.type === type);

/** The 1-based property indices ipma associates with item `id`. */
function propertiesOf(b: Uint8Array, ipma: Box, id: number): number[] | undefined {
  const version = b[ipma.start]!;
  const wideIndex = (b[ipma.start + 3]! & 1) === 1;
  let pos = ipma.start + 8;
  for (let entry = u32be(b, ipma.start + 4); entry > 0 && pos < ipma.end; entry--) {
    const item = version < 1 ? u16be(b, pos) : u32be(b, pos);
    pos += version < 1 ? 2 : 4;
    const count = b[pos++] ?? 0;
    const indices: number[] = [];
    for (let i = 0; i < count; i++) {
      indices.push(wideIndex ? u16be(b, pos) & 0x7fff : b[pos]! & 0x7f);
      pos += wideIndex ? 2 : 1;
    }
    if (item === id) return indices;
  }
  return undefined;
}

/** The primary image's width and height, rotated as `irot` asks; undefined when the boxes do not say. */
export function avifSize(b: Uint8Array): Dimensions | undefined {
  const meta = find(childBoxes(b, 0, b.length), 'meta');
  if (!meta) return undefined;
  const inMeta = childBoxes(b, meta.start + 4, meta.end); // meta is a full box: version and flags first
  const iprp = find(inMeta, 'iprp');
  const ipco = iprp && find(childBoxes(b, iprp.start, iprp.end), 'ipco');
  if (!iprp || !ipco) return undefined;
  const properties = childBoxes(b, ipco.start, ipco.end);
  const pitm = find(inMeta, 'pitm');
  const ipma = find(childBoxes(b, iprp.start, iprp.end), 'ipma');
  const primary = pitm && (b[pitm.start] === 0 ? u16be(b, pitm.start + 4) : u32be(b, pitm.start + 4));
  const indices = primary !== undefined && ipma ? propertiesOf(b, ipma, primary) : undefined;
  // Without the associations, the largest ispe is the whole picture (tiles and alpha are not larger).
  const own = indices ? indices.map((i) => properties[i - 1]).filter((p): p is Box => p !== undefined) : properties;
  let size: Dimensions | undefined;
  for (const p of own) {
    if (p.type !== 'ispe') continue;
    const found = { width: u32be(b, p.start + 4), height: u32be(b, p.start + 8) };
    if (!size || found.width * found.height > size.width * size.height) size = found;
  }
  const irot = indices && find(own, 'irot');
  const quarterTurn = irot !== undefined && (b[irot.start]! & 1) === 1;
  return size && quarterTurn ? { width: size.height, height: size.width } : size;
}
