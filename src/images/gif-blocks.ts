/**
 * Walks a GIF's block structure (GIF89a spec, section 17+). One walk answers two questions:
 * how many frames it has (animation) and whether it reaches its trailer (completeness).
 */
/** What a walk over a GIF found. */
export interface GifScan {
  /** Image descriptors seen (each is one frame). */
  frames: number;
  /** True when the 0x3B trailer was reached with every block inside the bytes. */
  complete: boolean;
  /** True when the bytes ended inside a block: the file was cut off. */
  cutOff: boolean;
}

/** Skips a chain of data sub-blocks (length byte + data, ended by a 0 length); -1 if cut off. */
function skipSubBlocks(bytes: Uint8Array, pos: number): number {
  while (pos < bytes.length) {
    const size = bytes[pos]!;
    pos += 1;
    if (size === 0) return pos;
    pos += size;
  }
  return -1;
}

/** Counts frames up to `stopAt` (walking further is wasted work when only "more than one?" matters). */
export function scanGif(bytes: Uint8Array, stopAt = Infinity): GifScan {
  let frames = 0;
  // Header (6) + logical screen descriptor (7); a global colour table may follow.
  let pos = 13;
  const flags = bytes[10] ?? 0;
  if (flags & 0x80) pos += 3 * (1 << ((flags & 0x07) + 1));
  while (pos < bytes.length) {
    const introducer = bytes[pos]!;
    if (introducer === 0x3b) return { frames, complete: true, cutOff: false };
    if (introducer === 0x21) {
      // Extension: introducer, label, then sub-blocks.
      pos = skipSubBlocks(bytes, pos + 2);
    } else if (introducer === 0x2c) {
      frames++;
      if (frames >= stopAt) return { frames, complete: false, cutOff: false };
      // Image descriptor is 10 bytes; its packed field says whether a local colour table follows.
      const local = bytes[pos + 9] ?? 0;
      pos += 10;
      if (local & 0x80) pos += 3 * (1 << ((local & 0x07) + 1));
      // LZW minimum code size, then the image data sub-blocks.
      pos = skipSubBlocks(bytes, pos + 1);
    } else {
      return { frames, complete: false, cutOff: false }; // a block GIF does not define
    }
    if (pos < 0) return { frames, complete: false, cutOff: true };
  }
  return { frames, complete: false, cutOff: true };
}

