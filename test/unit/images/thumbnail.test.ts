import { describe, expect, it } from 'vitest';
import { makeThumbnail } from '../../../src/images/thumbnail';
import { png } from './corpus';
import { brokenDecoder, deadCanvas, fakeCanvas, fakeDecoder } from './fakes';

const source = new Blob([png(400, 200)], { type: 'image/png' });

describe('makeThumbnail', () => {
  it('draws a preview that fits in size x size, as WebP, and frees the bitmap', async () => {
    const canvas = fakeCanvas();
    const decoder = fakeDecoder();
    const thumb = await makeThumbnail(source, undefined, { decoder, canvas });
    expect(thumb?.type).toBe('image/webp');
    expect(canvas.log.created).toEqual([[96, 48]]);
    expect(canvas.log.draws[0]!.slice(1)).toEqual([0, 0, 400, 200, 0, 0, 96, 48]);
    expect(canvas.log.encodes).toEqual([{ type: 'image/webp', quality: 0.8 }]);
    expect(decoder.decoded[0]!.bitmap!.close).toHaveBeenCalledOnce();
  });

  it('with the size known from the header, has the image scaled as it is decoded (one side; the aspect follows)', async () => {
    const canvas = fakeCanvas();
    const decoder = fakeDecoder();
    await makeThumbnail(source, { width: 400, height: 200 }, { decoder, canvas });
    expect(decoder.scales).toEqual([{ width: 96 }]);
    // The bitmap arrives at 96 x 48: drawn 1:1, no scaling left for this thread.
    expect(canvas.log.draws[0]!.slice(1)).toEqual([0, 0, 96, 48, 0, 0, 96, 48]);
    const tall = fakeDecoder();
    await makeThumbnail(new Blob([png(100, 300)]), { width: 100, height: 300 }, { decoder: tall, canvas: fakeCanvas() });
    expect(tall.scales).toEqual([{ height: 96 }]);
    const small = fakeDecoder();
    await makeThumbnail(new Blob([png(20, 10)]), { width: 20, height: 10 }, { decoder: small, canvas: fakeCanvas() });
    expect(small.scales).toEqual([undefined]);
  });

  it('does not enlarge a small image', async () => {
    const canvas = fakeCanvas();
    await makeThumbnail(new Blob([png(20, 10)]), undefined, { decoder: fakeDecoder(), canvas });
    expect(canvas.log.created).toEqual([[20, 10]]);
  });

  it('gives undefined, not an error, when it cannot be made', async () => {
    await expect(makeThumbnail(source, undefined, { decoder: brokenDecoder, canvas: fakeCanvas() })).resolves.toBeUndefined();
    await expect(makeThumbnail(source, undefined, { decoder: fakeDecoder(), canvas: deadCanvas })).resolves.toBeUndefined();
  });
});
