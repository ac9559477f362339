import { describe, expect, it } from 'vitest';
import { planProcessing } from '../../../src/images/plan';
import { processImage, type ProcessInput } from '../../../src/images/process';
import type { ImageFormat } from '../../../src/images/types';
import { gif, jpeg, png } from './corpus';
import { bytesOf, deadCanvas, fakeBitmap, fakeCanvas } from './fakes';

const MIME: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', gif: 'image/gif' };

function input(format: ImageFormat, width: number, height: number, animated = false): ProcessInput {
  const bytes = format === 'gif' ? gif(animated ? 2 : 1) : format === 'jpeg' ? jpeg(width, height) : png(width, height);
  return { bytes: new Blob([bytes], { type: MIME[format]! }), format, mime: MIME[format]!, width, height, animated, bitmap: fakeBitmap() };
}

describe('planProcessing', () => {
  it('fits within the bounds keeping the aspect ratio', () => {
    expect(planProcessing({ width: 4000, height: 3000, format: 'png' }, { maxWidth: 1000, maxHeight: 1000 })).toMatchObject({ width: 1000, height: 750 });
    expect(planProcessing({ width: 3000, height: 4000, format: 'png' }, { maxWidth: 1000, maxHeight: 1000 })).toMatchObject({ width: 750, height: 1000 });
    expect(planProcessing({ width: 1001, height: 10, format: 'png' }, { maxWidth: 1000 })).toMatchObject({ width: 1000, height: 10 });
    expect(planProcessing({ width: 500, height: 2000, format: 'png' }, { maxHeight: 1000 })).toMatchObject({ width: 250, height: 1000 });
  });

  it('never upscales, and treats 0 as "no limit"', () => {
    expect(planProcessing({ width: 200, height: 100, format: 'png' }, { maxWidth: 1000, maxHeight: 1000 })).toBeUndefined();
    expect(planProcessing({ width: 5000, height: 5000, format: 'png' }, { maxWidth: 0, maxHeight: 0 })).toBeUndefined();
  });

  it('crops the centred square', () => {
    expect(planProcessing({ width: 300, height: 200, format: 'png' }, { squareCrop: true })).toMatchObject({
      crop: { sx: 50, sy: 0, sw: 200, sh: 200 },
      width: 200,
      height: 200,
    });
    expect(planProcessing({ width: 200, height: 301, format: 'png' }, { squareCrop: true })?.crop).toEqual({ sx: 0, sy: 50, sw: 200, sh: 200 });
    expect(planProcessing({ width: 200, height: 200, format: 'png' }, { squareCrop: true })).toBeUndefined();
  });

  it('asking for the format the image already has changes nothing', () => {
    expect(planProcessing({ width: 10, height: 10, format: 'jpeg' }, { format: 'jpeg', quality: 0.5 })).toBeUndefined();
  });

  it('re-encodes formats a canvas cannot write as PNG (AVIF as WebP), and says so', () => {
    expect(planProcessing({ width: 100, height: 100, format: 'gif' }, { maxWidth: 50 })).toMatchObject({ mime: 'image/png', formatNote: 'Saved as PNG: browsers cannot write GIF.' });
    expect(planProcessing({ width: 100, height: 100, format: 'avif' }, { maxWidth: 50 })).toMatchObject({ mime: 'image/webp' });
  });
});

describe('processImage', () => {
  it('returns the original Blob untouched when nothing is asked or nothing would change', async () => {
    const canvas = fakeCanvas();
    const source = input('png', 200, 100);
    for (const opts of [{}, { format: 'keep' as const }, { maxWidth: 200, maxHeight: 100 }, { format: 'png' as const }]) {
      const out = await processImage(source, opts, canvas);
      expect(out.bytes).toBe(source.bytes);
      expect(out).toMatchObject({ mime: 'image/png', width: 200, height: 100, notes: [] });
    }
    expect(canvas.log.created).toEqual([]);
  });

  it('scales down on the canvas, drawing the whole source into the fitted size', async () => {
    const canvas = fakeCanvas();
    const out = await processImage(input('png', 400, 300), { maxWidth: 100, maxHeight: 100 }, canvas);
    expect(canvas.log.created).toEqual([[100, 75]]);
    expect(canvas.log.draws[0]!.slice(1)).toEqual([0, 0, 400, 300, 0, 0, 100, 75]);
    expect(canvas.log.encodes).toEqual([{ type: 'image/png' }]);
    expect(out).toMatchObject({ mime: 'image/png', width: 100, height: 75, notes: [] });
    expect(out.bytes.type).toBe('image/png');
    expect(await bytesOf(out.bytes)).toEqual([...png(100, 75)]);
  });

  it('crops the centred square and converts with quality, on a white background for JPEG', async () => {
    const canvas = fakeCanvas();
    const out = await processImage(input('png', 300, 200), { squareCrop: true, maxWidth: 50, format: 'jpeg', quality: 0.7 }, canvas);
    expect(canvas.log.draws[0]!.slice(1)).toEqual([50, 0, 200, 200, 0, 0, 50, 50]);
    expect(canvas.log.encodes).toEqual([{ type: 'image/jpeg', quality: 0.7 }]);
    expect(canvas.log.fillStyles).toEqual(['#ffffff']);
    expect(out).toMatchObject({ mime: 'image/jpeg', width: 50, height: 50 });
  });

  it('keeps an animated image whole, with a note, when processing would flatten it', async () => {
    const canvas = fakeCanvas();
    const source = input('gif', 400, 400, true);
    const out = await processImage(source, { maxWidth: 100 }, canvas);
    expect(out.bytes).toBe(source.bytes);
    expect(out.notes).toEqual(['Kept the animated GIF as it is; resizing would have kept only its first frame.']);
    expect(canvas.log.created).toEqual([]);
    const wide = input('gif', 400, 300, true);
    const both = await processImage(wide, { maxWidth: 100, squareCrop: true, format: 'webp' }, canvas);
    expect(both.bytes).toBe(wide.bytes);
    expect(both.notes[0]).toBe('Kept the animated GIF as it is; resizing, cropping and converting it to WebP would have kept only its first frame.');
  });

  it('says nothing about an animated image asked only for its own format', async () => {
    const source = input('gif', 40, 40, true);
    expect(await processImage(source, { format: 'keep', maxWidth: 40 }, fakeCanvas())).toMatchObject({ bytes: source.bytes, notes: [] });
  });

  it('uses what the browser wrote when it cannot write WebP, with the matching type and a note', async () => {
    const canvas = fakeCanvas(['image/png', 'image/jpeg']); // like a browser without a WebP encoder
    const out = await processImage(input('png', 64, 64), { format: 'webp', quality: 0.8 }, canvas);
    expect(canvas.log.encodes).toEqual([{ type: 'image/webp', quality: 0.8 }]);
    expect(out.mime).toBe('image/png');
    expect(out.bytes.type).toBe('image/png');
    expect(out.notes).toEqual(['This browser cannot write WebP, so the image was saved as PNG.']);
  });

  it('sends the original, with a note, when the canvas does not work', async () => {
    const source = input('jpeg', 800, 600);
    const out = await processImage(source, { maxWidth: 100 }, deadCanvas);
    expect(out.bytes).toBe(source.bytes);
    expect(out.notes).toEqual(['Sent the image as it is: resizing did not work in this browser.']);
  });
});
