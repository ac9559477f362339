import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import type { CanvasFactory } from '../../../src/images/canvas';
import { DEFAULT_CAP_BYTES, prepareUpload, type PrepareOptions } from '../../../src/images/prepare';
import { HTML, SVG, avif, concat, gif, jpeg, png, pngStating, webp } from './corpus';
import { brokenDecoder, bytesOf, fakeCanvas, fakeDecoder } from './fakes';

const opts = (over: Partial<PrepareOptions> = {}): PrepareOptions => ({ capBytes: DEFAULT_CAP_BYTES, decoder: fakeDecoder(), canvas: fakeCanvas(), ...over });

async function refusal(p: Promise<unknown>): Promise<GleanError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GleanError);
  expect((e as GleanError).kind).toBe('invalid-input');
  return e as GleanError;
}

describe('prepareUpload: what is sent', () => {
  it('sends an image that needs no processing without decoding it, with the size its header states', async () => {
    const decoder = fakeDecoder();
    for (const [bytes, width, height] of [[png(40, 30), 40, 30], [jpeg(8, 6), 8, 6], [gif(1, 5, 7), 5, 7], [webp(4, 3), 4, 3]] as const) {
      const out = await prepareUpload(new Blob([bytes]), opts({ decoder, processing: { maxWidth: 1000 } }));
      expect(out).toMatchObject({ width, height, notes: [] });
      expect(await bytesOf(out.bytes)).toEqual([...bytes]);
    }
    expect(decoder.decoded).toEqual([]);
  });

  it('gives the SHA-256 of the bytes sent, original or processed', async () => {
    const source = png(40, 30);
    const kept = await prepareUpload(new Blob([source]), opts());
    expect(kept.sha256).toBe(createHash('sha256').update(source).digest('hex'));
    const resized = await prepareUpload(new Blob([source]), opts({ processing: { maxWidth: 20 } }));
    expect(resized.sha256).toBe(createHash('sha256').update(new Uint8Array(await resized.bytes.arrayBuffer())).digest('hex'));
    expect(resized.sha256).not.toBe(kept.sha256);
  });

  it('sends the source bytes unchanged, typed by what they are rather than by name or claimed type', async () => {
    const source = png(40, 30);
    const file = new File([source], 'holiday.jpg', { type: 'image/jpeg' });
    const out = await prepareUpload(file, opts());
    expect(out).toMatchObject({ mime: 'image/png', width: 40, height: 30, notes: [] });
    expect(out.bytes.type).toBe('image/png');
    expect(await bytesOf(out.bytes)).toEqual([...source]);
  });

  it('takes an ArrayBuffer or a fetch body just the same', async () => {
    const source = png(5, 5);
    for (const input of [source.slice().buffer, new Response(source.slice()).body!]) {
      const out = await prepareUpload(input, opts());
      expect(await bytesOf(out.bytes)).toEqual([...source]);
    }
  });

  it('is 20 MB by default', () => {
    expect(DEFAULT_CAP_BYTES).toBe(20 * 1024 * 1024);
  });
});

describe('prepareUpload: refusals', () => {
  it('refuses an HTML page renamed .png, before decoding it', async () => {
    const decoder = fakeDecoder();
    const e = await refusal(prepareUpload(new File([HTML], 'cat.png', { type: 'image/png' }), opts({ decoder })));
    expect(e.message).toMatch(/^This is an HTML page\./);
    expect(decoder.decoded).toEqual([]);
  });

  it('refuses SVG, saying why and what to do', async () => {
    const e = await refusal(prepareUpload(new Blob([SVG], { type: 'image/svg+xml' }), opts()));
    expect(e.message).toBe('This is an SVG drawing. Glean stores pictures, and an SVG can carry scripts, so it is not uploaded as SVG. Upload a PNG export of it instead.');
  });

  it.each([
    ['PNG', png(20, 20)],
    ['JPEG', jpeg()],
    ['GIF', gif(2)],
    ['WebP', webp()],
    ['AVIF', avif()],
  ])('refuses a truncated %s before decoding it', async (label, bytes) => {
    const decoder = fakeDecoder({ width: 20, height: 20 });
    const e = await refusal(prepareUpload(new Blob([bytes.subarray(0, bytes.length - 5)]), opts({ decoder })));
    expect(e.message).toMatch(new RegExp(`^The image is incomplete \\(cut off\\): this ${label} `));
    expect(decoder.decoded).toEqual([]);
  });

  it('refuses an empty file', async () => {
    expect((await refusal(prepareUpload(new Blob([]), opts()))).message).toMatch(/^This is an empty file\./);
  });

  it('refuses what the decoder cannot read, when processing needs its pixels', async () => {
    const e = await refusal(prepareUpload(new Blob([png(40, 30)]), opts({ decoder: brokenDecoder, processing: { maxWidth: 20 } })));
    expect(e.message).toBe('The file says it is a PNG image, but it cannot be read (it may be damaged).');
  });

  it('refuses a PNG with a damaged chunk (its CRC does not match) without decoding it', async () => {
    const damaged = png(20, 20).slice();
    damaged[damaged.length - 20]! ^= 0x01; // a byte of the IDAT data
    const decoder = fakeDecoder();
    const e = await refusal(prepareUpload(new Blob([damaged]), opts({ decoder })));
    expect(e.message).toBe('The file says it is a PNG image, but it cannot be read (it may be damaged).');
    expect(decoder.decoded).toEqual([]);
  });

  it('refuses a decompression bomb from its header, with its pixel count, before any decoding', async () => {
    const decoder = fakeDecoder();
    const bomb = pngStating(16384, 16384);
    const started = performance.now();
    const e = await refusal(prepareUpload(new Blob([bomb]), opts({ decoder, processing: { maxWidth: 100 } })));
    expect(e.message).toBe('This image is 16,384 × 16,384 pixels (268.4 megapixels); images of up to 100 megapixels can be uploaded. Make it smaller and try again.');
    expect(decoder.decoded).toEqual([]);
    // Reading a header is microseconds; decoding 1 GiB of pixels would be seconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses over the cap, from a Blob with its size and from a stream without reading it all', async () => {
    const big = concat(png(), new Uint8Array(3584 - png().length)); // 3.5 KB
    const e = await refusal(prepareUpload(new Blob([big]), opts({ capBytes: 2048 })));
    expect(e.message).toBe('This image is 3.5 KB; the limit is 2 KB.');
    const s = await refusal(prepareUpload(new Response(big).body!, opts({ capBytes: 2048 })));
    expect(s.message).toBe('This image is larger than the 2 KB limit.');
  });
});

describe('prepareUpload: processing', () => {
  it('crops profile pictures (USER) to a centred square, and only those', async () => {
    const source = new Blob([png(300, 200)]);
    const canvas = fakeCanvas();
    const user = await prepareUpload(source, opts({ canvas, imageType: 'USER', processing: { squareCrop: true } }));
    expect(user).toMatchObject({ width: 200, height: 200, mime: 'image/png' });
    expect(canvas.log.draws[0]!.slice(1, 5)).toEqual([50, 0, 200, 200]);

    const other = await prepareUpload(source, opts({ imageType: 'CONTENT', processing: { squareCrop: true } }));
    expect(other).toMatchObject({ width: 300, height: 200 });
    expect(await bytesOf(other.bytes)).toEqual(await bytesOf(source));
  });

  it('resizes and converts, and frees the decoded bitmap', async () => {
    const decoder = fakeDecoder();
    const out = await prepareUpload(new Blob([png(1000, 500)]), opts({ decoder, processing: { maxWidth: 100, format: 'jpeg', quality: 0.6 } }));
    expect(out).toMatchObject({ mime: 'image/jpeg', width: 100, height: 50, notes: [] });
    expect(out.bytes.type).toBe('image/jpeg');
    expect(decoder.decoded[0]!.bitmap!.close).toHaveBeenCalledOnce();
  });

  it('keeps an animated GIF as it is, with a note', async () => {
    const source = gif(2, 800, 600);
    const decoder = fakeDecoder();
    const out = await prepareUpload(new Blob([source]), opts({ decoder, processing: { maxWidth: 100 } }));
    expect(decoder.decoded).toEqual([]);
    expect(out.notes).toEqual(['Kept the animated GIF as it is; resizing would have kept only its first frame.']);
    expect(out.mime).toBe('image/gif');
    expect(await bytesOf(out.bytes)).toEqual([...source]);
  });

  it('sends the original when the processed image would be over the cap', async () => {
    const source = png(64, 64);
    const cap = source.length + 100;
    const bloated: CanvasFactory = (w, h) => ({
      getContext: () => fakeCanvas()(w, h).getContext('2d'),
      convertToBlob: async () => new Blob([concat(png(w, h), new Uint8Array(cap))], { type: 'image/png' }),
    });
    const out = await prepareUpload(new Blob([source]), opts({ capBytes: cap, canvas: bloated, processing: { maxWidth: 32 } }));
    expect(out).toMatchObject({ width: 64, height: 64, mime: 'image/png' });
    expect(out.notes).toEqual(['Sent the image as it is: the processed version would have been over the size limit.']);
    expect(await bytesOf(out.bytes)).toEqual([...source]);
  });
});
