/**
 * Decoding proves the bytes are a picture the browser can show, and gives its real size. It is
 * injectable because Node (the unit tests) has no image decoder; the extension uses the browser's.
 */
import { GleanError } from '../glean/errors';
import { t, type MessageKey } from '../i18n/t';
import { FORMAT_LABEL, type ImageFormat } from './types';

/** A decoded image: its size, and a bitmap to draw from when the decoder made one. */
export interface DecodedImage {
  width: number;
  height: number;
  bitmap?: ImageBitmap;
}

/**
 * One side to scale an image to as it is decoded; the other follows from the image's own aspect
 * (so an EXIF rotation, whichever way a browser applies it, can never stretch the result).
 */
export type DecodeScale = { width: number; height?: undefined } | { height: number; width?: undefined };

/** Turns image bytes into a size (and a bitmap); rejects when the bytes cannot be decoded. */
export interface Decoder {
  decode(blob: Blob, scaledTo?: DecodeScale): Promise<DecodedImage>;
}

/** The browser's decoder; `createImageBitmap` exists in service workers, unlike `Image`. */
export const browserDecoder: Decoder = {
  async decode(blob, scaledTo) {
    const options: ImageBitmapOptions | undefined = scaledTo && {
      resizeQuality: 'high',
      ...(scaledTo.width !== undefined ? { resizeWidth: scaledTo.width } : { resizeHeight: scaledTo.height }),
    };
    const bitmap = await createImageBitmap(blob, options);
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

// English says "an AVIF", "an ICO" but "a PNG": one message per article, translated alike elsewhere.
const UNREADABLE = {
  png: 'image_unreadable',
  jpeg: 'image_unreadable',
  gif: 'image_unreadable',
  webp: 'image_unreadable',
  avif: 'image_unreadableVowel',
  bmp: 'image_unreadable',
  ico: 'image_unreadableVowel',
} as const satisfies Record<ImageFormat, MessageKey>;

/** The refusal of bytes that say they are a `format` image but cannot be read as one. */
export function unreadable(format: ImageFormat, cause: unknown): GleanError {
  return new GleanError('invalid-input', t(UNREADABLE[format], FORMAT_LABEL[format]), { cause });
}
