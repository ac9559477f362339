// The container checks on files from real encoders (libvips, see test/fixtures/images): whole files
// pass with the size they show, files cut anywhere are refused as cut off, and a flipped byte in a
// CRC-protected PNG chunk is refused as damaged, all without a decoder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import { readDimensions } from '../../../src/images/dimensions';
import { DEFAULT_CAP_BYTES, prepareUpload } from '../../../src/images/prepare';
import { sniffImage } from '../../../src/images/sniff';
import { wholeness } from '../../../src/images/structure';
import type { ImageFormat } from '../../../src/images/types';
import { bytesOf, fakeDecoder } from './fakes';

const FIXTURES = join(__dirname, '../../fixtures/images');
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

// name, format, size as shown (the rotated JPEG is stored 96 x 64 with EXIF orientation 6), animated
const FILES: [string, ImageFormat, number, number, boolean][] = [
  ['photo.png', 'png', 96, 64, false],
  ['photo.jpg', 'jpeg', 96, 64, false],
  ['photo-progressive.jpg', 'jpeg', 96, 64, false],
  ['photo-rotated.jpg', 'jpeg', 64, 96, false],
  ['photo.gif', 'gif', 96, 64, false],
  ['animated.gif', 'gif', 96, 64, true],
  ['photo.webp', 'webp', 96, 64, false],
  ['photo-lossless.webp', 'webp', 96, 64, false],
  ['photo-alpha.webp', 'webp', 96, 64, false],
  ['animated.webp', 'webp', 96, 64, true],
  ['photo.avif', 'avif', 96, 64, false],
];

describe.each(FILES)('%s', (name, format, width, height, animated) => {
  const bytes = read(name);

  it('is named, sized and found whole from its bytes alone', () => {
    expect(sniffImage(bytes)).toMatchObject({ ok: true, format, animated });
    expect(wholeness(bytes, format)).toBe('whole');
    expect(readDimensions(bytes, format)).toEqual({ width, height });
  });

  it('is found cut off wherever it is cut', () => {
    // Just after the header, in the middle, near the end, and one byte short.
    for (const keep of [40, Math.floor(bytes.length / 2), Math.floor(bytes.length * 0.9), bytes.length - 1]) {
      expect(wholeness(bytes.subarray(0, keep), format), `kept ${keep} of ${bytes.length}`).toBe('cut-off');
    }
  });

  it('goes up as it is, without decoding; cut off, it is refused with the message it always had', async () => {
    const decoder = fakeDecoder();
    const sent = await prepareUpload(new Blob([bytes]), { capBytes: DEFAULT_CAP_BYTES, decoder });
    expect(sent).toMatchObject({ width, height, notes: [] });
    expect(await bytesOf(sent.bytes)).toEqual([...bytes]);
    const cut = await prepareUpload(new Blob([bytes.subarray(0, bytes.length - 7)]), { capBytes: DEFAULT_CAP_BYTES, decoder }).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(GleanError);
    expect((cut as GleanError).message).toMatch(/^The image is incomplete \(cut off\): this (PNG|JPEG|GIF|WebP|AVIF) ends before its last part\./);
    expect(decoder.decoded).toEqual([]);
  });
});

describe('a damaged PNG', () => {
  const png = read('photo.png');
  // Each chunk's CRC covers its type and data: a flip anywhere in them is caught.
  it.each([
    ['IHDR', 16],
    ['IDAT, first byte', 41],
    ['IDAT, middle', Math.floor(png.length / 2)],
    ['IEND type', png.length - 7],
    ['a CRC itself', 29],
  ])('with a byte flipped in %s is refused as damaged', (_where, at) => {
    const damaged = png.slice();
    damaged[at]! ^= 0x10;
    expect(wholeness(damaged, 'png')).toBe('damaged');
  });
});

describe('what the containers cannot tell', () => {
  it('a flipped byte inside JPEG scan data, which has no checksum, still passes (see the README)', () => {
    const jpeg = read('photo.jpg');
    const damaged = jpeg.slice();
    const at = jpeg.length - 100;
    damaged[at] = damaged[at] === 0x00 ? 0x01 : 0x00; // never makes a marker (FF) or breaks one
    expect(wholeness(damaged, 'jpeg')).toBe('whole');
  });

  it('a WebP whose chunk sizes do not fill its RIFF size is refused as damaged', () => {
    const webp = read('photo.webp').slice();
    webp[16] = (webp[16]! + 2) & 0xff; // the VP8 chunk's size, two bytes larger
    expect(wholeness(webp, 'webp')).toBe('damaged');
  });
});
