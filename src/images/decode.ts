/**
 * Decoding proves the bytes are a picture the browser can show, and gives its real size. It is
 * injectable because Node (the unit tests) has no image decoder; the extension uses the browser's.
 */
import { GleanError } from '../glean/errors';
import { FORMAT_LABEL, type ImageFormat } from './types';

/** A decoded image: its size, and a bitmap to draw from when the decoder made one. */
export interface DecodedImage {
  width: number;
  height: number;
  bitmap?: ImageBitmap;
}

/** Turns image bytes into a size (and a bitmap); rejects when the bytes cannot be decoded. */
export interface Decoder {
  decode(blob: Blob): Promise<DecodedImage>;
}

/** The browser's decoder; `createImageBitmap` exists in service workers, unlike `Image`. */
export const browserDecoder: Decoder = {
  async decode(blob) {
    const bitmap = await createImageBitmap(blob);
    return { width: bitmap.width, height: bitmap.height, bitmap };
  },
};

/** Decodes `blob`, turning any failure (or an image of no pixels) into a user-facing refusal. */
export async function decodeOrRefuse(blob: Blob, format: ImageFormat, decoder: Decoder = browserDecoder): Promise<DecodedImage> {
  let decoded: DecodedImage;
  try {
    decoded = await decoder.decode(blob);
  } catch (cause) {
    throw unreadable(format, cause);
  }
  if (!(decoded.width > 0 && decoded.height > 0)) {
    decoded.bitmap?.close();
    throw unreadable(format, undefined);
  }
  return decoded;
}

function unreadable(format: ImageFormat, cause: unknown): GleanError {
  const label = FORMAT_LABEL[format];
  const article = /^[AEIOU]/.test(label) ? 'an' : 'a';
  return new GleanError(
    'invalid-input',
    `The file says it is ${article} ${label} image, but it cannot be read (it may be damaged).`,
    { cause },
  );
}
