/**
 * Small readers over raw bytes. Every reader tolerates reading past the end (it yields 0 or a
 * short string) because the formats are checked on untrusted, possibly cut-off data.
 */

/** The bytes from `start` as Latin-1 text (one char per byte), at most `length` of them. */
export function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = '';
  const end = Math.min(bytes.length, start + length);
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** True if `bytes` holds `expected` at `offset`. */
export function hasBytes(bytes: Uint8Array, expected: readonly number[], offset = 0): boolean {
  if (offset + expected.length > bytes.length) return false;
  return expected.every((b, i) => bytes[offset + i] === b);
}

/** Unsigned 32-bit big-endian integer at `offset` (0 past the end). */
export function u32be(bytes: Uint8Array, offset: number): number {
  if (offset + 4 > bytes.length) return 0;
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** Unsigned 32-bit little-endian integer at `offset` (0 past the end). */
export function u32le(bytes: Uint8Array, offset: number): number {
  if (offset + 4 > bytes.length) return 0;
  return ((bytes[offset + 3]! << 24) | (bytes[offset + 2]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset]!) >>> 0;
}

/** Unsigned 16-bit little-endian integer at `offset` (0 past the end). */
export function u16le(bytes: Uint8Array, offset: number): number {
  if (offset + 2 > bytes.length) return 0;
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

/** The length of `bytes` once trailing zero bytes (padding some tools add) are ignored. */
export function lengthWithoutZeroPadding(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

/** Unsigned 16-bit big-endian integer at `offset` (0 past the end). */
export function u16be(bytes: Uint8Array, offset: number): number {
  if (offset + 2 > bytes.length) return 0;
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** Unsigned 24-bit little-endian integer at `offset` (0 past the end). */
export function u24le(bytes: Uint8Array, offset: number): number {
  if (offset + 3 > bytes.length) return 0;
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16);
}
