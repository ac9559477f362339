import { describe, expect, it } from 'vitest';
import { isGleanError } from '../../../src/glean/errors';
import { assertComplete, isComplete } from '../../../src/images/structure';
import type { ImageFormat } from '../../../src/images/types';
import { avif, bmp, concat, gif, ico, jpeg, png, webp, webpAnimated } from './corpus';

const whole: [ImageFormat, Uint8Array][] = [
  ['png', png()],
  ['jpeg', jpeg()],
  ['gif', gif()],
  ['gif', gif(3)],
  ['webp', webp()],
  ['webp', webpAnimated()],
  ['avif', avif()],
  ['bmp', bmp()],
  ['ico', ico()],
];

describe('isComplete', () => {
  it.each(whole)('a whole %s is complete', (format, bytes) => {
    expect(isComplete(bytes, format)).toBe(true);
  });

  it.each(whole)('a %s cut short is not', (format, bytes) => {
    // Cutting anywhere must be caught, not just at one lucky offset.
    for (const keep of [bytes.length - 1, Math.floor(bytes.length / 2), 30]) {
      expect(isComplete(bytes.subarray(0, keep), format), `kept ${keep} of ${bytes.length}`).toBe(false);
    }
  });

  it('allows zero padding after a JPEG, and data appended after its EOI (motion photos)', () => {
    expect(isComplete(concat(jpeg(), [0, 0, 0, 0]), 'jpeg')).toBe(true);
    expect(isComplete(concat(jpeg(), 'ftypmp42 and a whole video'), 'jpeg')).toBe(true);
  });

  it('does not take the EOI of an embedded EXIF thumbnail for the end of the JPEG', () => {
    const thumb = [0xff, 0xd8, 0xff, 0xd9];
    const app1 = [0xff, 0xe1, 0x00, 2 + 6 + thumb.length, ...'Exif\0\0'.split('').map((c) => c.charCodeAt(0)), ...thumb];
    const full = jpeg();
    const withThumb = concat(full.subarray(0, 2), app1, full.subarray(2));
    expect(isComplete(withThumb, 'jpeg')).toBe(true);
    expect(isComplete(withThumb.subarray(0, withThumb.length - 3), 'jpeg')).toBe(false);
  });

  it('allows data after a PNG IEND and after a GIF trailer', () => {
    expect(isComplete(concat(png(), 'trailing'), 'png')).toBe(true);
    expect(isComplete(concat(gif(2), [0x00, 0x00]), 'gif')).toBe(true);
  });

  it('is not fooled by a cut-off GIF whose last byte happens to be 0x3B', () => {
    const g = gif(1).slice();
    const at = g.indexOf(0x4c); // a byte of LZW image data
    g[at] = 0x3b;
    expect(isComplete(g, 'gif')).toBe(true);
    expect(isComplete(g.subarray(0, at + 1), 'gif')).toBe(false);
  });

  it('checks the RIFF and BMP length fields', () => {
    const w = webp();
    const lying = w.slice();
    lying[4] = lying[4]! + 10; // claims 10 more bytes than there are
    expect(isComplete(lying, 'webp')).toBe(false);
    const b = bmp();
    expect(isComplete(concat(b, [1, 2, 3]), 'bmp')).toBe(true);
  });
});

describe('assertComplete', () => {
  it('refuses a cut-off image as invalid input that says so', () => {
    let caught: unknown;
    try {
      assertComplete(png().subarray(0, 40), 'png');
    } catch (e) {
      caught = e;
    }
    expect(isGleanError(caught) && caught.kind).toBe('invalid-input');
    expect((caught as Error).message).toMatch(/^The image is incomplete \(cut off\): this PNG /);
  });

  it('passes a whole image', () => {
    expect(() => assertComplete(gif(), 'gif')).not.toThrow();
  });
});
