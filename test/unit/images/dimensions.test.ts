import { describe, expect, it } from 'vitest';
import { checkedDimensions, MAX_PIXELS, pixelLimitMessage, readDimensions } from '../../../src/images/dimensions';
import { avif, bmp, gif, ico, jpeg, png, pngStating, webp, webpAnimated } from './corpus';

describe('readDimensions', () => {
  it.each([
    ['png', png(40, 30), 40, 30],
    ['jpeg', jpeg(8, 6), 8, 6],
    ['gif', gif(1, 5, 7), 5, 7],
    ['webp', webp(4, 3), 4, 3],
    ['webp', webpAnimated(), 4, 3], // VP8X canvas: width - 1 = 3, height - 1 = 2
    ['bmp', bmp(3, 2), 3, 2],
    ['ico', ico(), 16, 16], // the PNG inside
  ] as const)('reads a %s header', (format, bytes, width, height) => {
    expect(readDimensions(bytes, format)).toEqual({ width, height });
  });

  it('says nothing when the header states no size', () => {
    expect(readDimensions(png().slice(0, 12), 'png')).toBeUndefined();
    expect(readDimensions(avif(), 'avif')).toBeUndefined(); // boxes without meta
    expect(readDimensions(jpeg(0, 6), 'jpeg')).toBeUndefined(); // width 0
  });
});

describe('the pixel limit', () => {
  it('lets 100 megapixels through and refuses one row more, with the numbers', () => {
    expect(MAX_PIXELS).toBe(100_000_000);
    expect(pixelLimitMessage({ width: 10_000, height: 10_000 })).toBeUndefined();
    expect(pixelLimitMessage({ width: 10_000, height: 10_001 })).toBe(
      'This image is 10,000 × 10,001 pixels (100.01 megapixels); images of up to 100 megapixels can be uploaded. Make it smaller and try again.',
    );
  });

  it('refuses from the header alone, and refuses a header that states no size as unreadable', () => {
    expect(() => checkedDimensions(pngStating(20_000, 20_000), 'png')).toThrow('This image is 20,000 × 20,000 pixels (400 megapixels)');
    expect(() => checkedDimensions(avif(), 'avif')).toThrow('The file says it is an AVIF image, but it cannot be read (it may be damaged).');
    expect(checkedDimensions(png(3, 2), 'png')).toEqual({ width: 3, height: 2 });
  });
});
