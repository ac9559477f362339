import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../src/images/crc32';

describe('crc32', () => {
  const bytes = new Uint8Array(70_001);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 13;

  it('agrees with zlib over every length around the word and block boundaries', () => {
    for (let n = 0; n <= 40; n++) expect(crc32(bytes.subarray(0, n)), `length ${n}`).toBe(zlibCrc32(bytes.subarray(0, n)));
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });

  it('agrees with zlib from any offset, aligned or not, and over a range', () => {
    for (let offset = 0; offset < 8; offset++) expect(crc32(bytes.subarray(offset, offset + 1001)), `offset ${offset}`).toBe(zlibCrc32(bytes.subarray(offset, offset + 1001)));
    expect(crc32(bytes, 3, 50_003)).toBe(zlibCrc32(bytes.subarray(3, 50_003)));
  });

  it('gives the known value of "123456789"', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
