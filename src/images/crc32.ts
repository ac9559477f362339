/**
 * CRC-32 (the one PNG and zlib use), slicing by 16 over 32-bit words: every PNG chunk is checked on
 * the way in, so this runs over every byte of every PNG. Measured in Node 20 on 3 MB: 0.75 ms/MB,
 * against 2.2 for slicing by 8 over bytes and about 10 for one byte at a time.
 */
let table: Uint32Array | undefined;

/** 16 tables of 256 in one array: entry k * 256 + n is the CRC of byte n followed by k zero bytes. */
function makeTable(): Uint32Array {
  const t = new Uint32Array(16 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n]!;
    for (let k = 1; k < 16; k++) {
      c = t[c & 0xff]! ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
}

// Reading four bytes as one word gives them in the CRC's order only on little-endian machines
// (every platform browsers run on); elsewhere the byte loop does it all.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The CRC-32 of `bytes[start..end)`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = (table ??= makeTable());
  let c = 0xffffffff;
  let i = start;
  // Bytes one at a time up to a 4-byte boundary, so the words below can be read aligned.
  const aligned = LITTLE_ENDIAN ? Math.min(end, start + ((4 - ((bytes.byteOffset + start) & 3)) & 3)) : end;
  for (; i < aligned; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  if (LITTLE_ENDIAN) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, (end - i) >>> 2);
    const blocks = words.length & ~3;
    for (let j = 0; j < blocks; j += 4) {
      c ^= words[j]!;
      const a = words[j + 1]!;
      const b = words[j + 2]!;
      const d = words[j + 3]!;
      c =
        t[3840 + (c & 0xff)]! ^ t[3584 + ((c >>> 8) & 0xff)]! ^ t[3328 + ((c >>> 16) & 0xff)]! ^ t[3072 + (c >>> 24)]! ^
        t[2816 + (a & 0xff)]! ^ t[2560 + ((a >>> 8) & 0xff)]! ^ t[2304 + ((a >>> 16) & 0xff)]! ^ t[2048 + (a >>> 24)]! ^
        t[1792 + (b & 0xff)]! ^ t[1536 + ((b >>> 8) & 0xff)]! ^ t[1280 + ((b >>> 16) & 0xff)]! ^ t[1024 + (b >>> 24)]! ^
        t[768 + (d & 0xff)]! ^ t[512 + ((d >>> 8) & 0xff)]! ^ t[256 + ((d >>> 16) & 0xff)]! ^ t[d >>> 24]!;
    }
    i += blocks * 4;
  }
  for (; i < end; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
