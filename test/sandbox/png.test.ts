import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, solidPng } from './png.js';
import { avatarPng, gradientPng } from './pictures.js';

/** Splits a PNG into chunks, checking each CRC with our crc32. */
function chunks(png: Buffer): { type: string; data: Buffer; crcOk: boolean }[] {
  const out = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('ascii');
    const data = png.subarray(at + 8, at + 8 + length);
    const crc = png.readUInt32BE(at + 8 + length);
    out.push({ type, data, crcOk: crc === crc32(png.subarray(at + 4, at + 8 + length)) });
    at += 12 + length;
  }
  return out;
}

/** Decodes our own output (filter 0 only) back to RGBA. */
function decode(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const parts = chunks(png);
  const ihdr = parts.find((c) => c.type === 'IHDR')!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(parts.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const pixel = (img: { width: number; rgba: Buffer }, x: number, y: number) => [...img.rgba.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

describe('png', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('writes signature, IHDR (RGBA 8-bit), IDAT and IEND with valid CRCs', () => {
    const png = encodePng(3, 2, new Uint8Array(3 * 2 * 4));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(parts.every((c) => c.crcOk)).toBe(true);
    const ihdr = parts[0]!.data;
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[12]]).toEqual([3, 2, 8, 6, 0]);
  });

  it('round-trips arbitrary pixels', () => {
    const rgba = new Uint8Array(5 * 4 * 4).map((_, i) => (i * 37 + 11) % 256);
    const img = decode(encodePng(5, 4, rgba));
    expect([img.width, img.height]).toEqual([5, 4]);
    expect([...img.rgba]).toEqual([...rgba]);
  });

  it('solidPng fills every pixel', () => {
    const img = decode(solidPng(4, 3, [10, 20, 30, 40]));
    for (let y = 0; y < 3; y++) for (let x = 0; x < 4; x++) expect(pixel(img, x, y)).toEqual([10, 20, 30, 40]);
  });

  it('refuses sizes that do not match the data', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
  });

  it('draws avatars as a disc on transparency, with a white initial', () => {
    const img = decode(avatarPng([200, 10, 10], 'A'));
    expect([img.width, img.height]).toEqual([96, 96]);
    expect(pixel(img, 0, 0)[3]).toBe(0); // corner outside the disc
    expect(pixel(img, 10, 48)).toEqual([200, 10, 10, 255]); // disc, left of the glyph
    expect(pixel(img, 48, 48)).toEqual([255, 255, 255, 255]); // A's crossbar at the centre
  });

  it('draws opaque demo gradients of the requested size', () => {
    const img = decode(gradientPng([0, 0, 255], 32, 20));
    expect([img.width, img.height]).toEqual([32, 20]);
    expect(pixel(img, 0, 0)).toEqual([0, 0, 255, 255]);
    expect(pixel(img, 31, 19)[0]).toBeGreaterThan(100); // lighter towards the bottom right
  });
});
