import { describe, expect, it } from 'vitest';
import { makeThumbnail } from '../../../src/images/thumbnail';
import { png } from './corpus';
import { brokenDecoder, deadCanvas, fakeCanvas, fakeDecoder } from './fakes';

const source = new Blob([png(400, 200)], { type: 'image/png' });

describe('makeThumbnail', () => {
  it('draws a preview that fits in size x size, as WebP, and frees the bitmap', async () => {
    const canvas = fakeCanvas();
    const decoder = fakeDecoder();
    const thumb = await makeThumbnail(source, decoder, 96, canvas);
    expect(thumb?.type).toBe('image/webp');
    expect(canvas.log.created).toEqual([[96, 48]]);
    expect(canvas.log.draws[0]!.slice(1)).toEqual([0, 0, 400, 200, 0, 0, 96, 48]);
    expect(canvas.log.encodes).toEqual([{ type: 'image/webp', quality: 0.8 }]);
    expect(decoder.decoded[0]!.bitmap!.close).toHaveBeenCalledOnce();
  });

  it('does not enlarge a small image', async () => {
    const canvas = fakeCanvas();
    await makeThumbnail(new Blob([png(20, 10)]), fakeDecoder(), 96, canvas);
    expect(canvas.log.created).toEqual([[20, 10]]);
  });

  it('gives undefined, not an error, when it cannot be made', async () => {
    await expect(makeThumbnail(source, brokenDecoder, 96, fakeCanvas())).resolves.toBeUndefined();
    await expect(makeThumbnail(source, fakeDecoder(), 96, deadCanvas)).resolves.toBeUndefined();
  });
});
