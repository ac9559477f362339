import { describe, expect, it } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import { decodeOrRefuse } from '../../../src/images/decode';
import { png } from './corpus';
import { brokenDecoder, fakeBitmap } from './fakes';

const blob = new Blob([png()], { type: 'image/png' });

describe('decodeOrRefuse', () => {
  it('refuses bytes the decoder cannot read, naming the format they claim', async () => {
    const e = await decodeOrRefuse(blob, 'png', brokenDecoder).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(GleanError);
    expect((e as GleanError).kind).toBe('invalid-input');
    expect((e as GleanError).message).toBe('The file says it is a PNG image, but it cannot be read (it may be damaged).');
    expect((e as GleanError).cause).toBeInstanceOf(DOMException);
  });

  it('uses "an" before a vowel-sounding format name', async () => {
    const e = await decodeOrRefuse(blob, 'avif', brokenDecoder).catch((err: unknown) => err);
    expect((e as Error).message).toMatch(/^The file says it is an AVIF image,/);
  });

  it('refuses an image of no pixels and releases its bitmap', async () => {
    const bitmap = fakeBitmap();
    const e = await decodeOrRefuse(blob, 'gif', { decode: async () => ({ width: 0, height: 0, bitmap }) }).catch((err: unknown) => err);
    expect((e as Error).message).toMatch(/^The file says it is a GIF image, but it cannot be read/);
    expect(bitmap.close).toHaveBeenCalledOnce();
  });

  it('passes the decoded size and bitmap through', async () => {
    const bitmap = fakeBitmap();
    await expect(decodeOrRefuse(blob, 'png', { decode: async () => ({ width: 4, height: 3, bitmap }) })).resolves.toEqual({ width: 4, height: 3, bitmap });
  });
});
