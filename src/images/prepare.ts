/**
 * The one way bytes become an upload: read within the cap, learn the real type from the bytes,
 * refuse what is not a whole, decodable image, then apply the optional processing. Every refusal
 * is a GleanError('invalid-input') whose message tells the user what the file is and what to do.
 */
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { CanvasFactory } from './canvas';
import { decodeOrRefuse, type Decoder } from './decode';
import { processImage } from './process';
import { readCapped, type ByteSource } from './read-capped';
import { refusalMessage, sniffImage } from './sniff';
import { assertComplete } from './structure';
import type { PreparedImage, ProcessingOptions } from './types';

/** The size cap when the settings name none: 20 MB. */
export const DEFAULT_CAP_BYTES = 20 * 1024 * 1024;

/** How to prepare one upload; `decoder` and `canvas` default to the browser's. */
export interface PrepareOptions {
  capBytes: number;
  processing?: ProcessingOptions;
  /** The Glean ImageType; the square crop applies only to 'USER' (profile pictures). */
  imageType?: string;
  decoder?: Decoder;
  canvas?: CanvasFactory;
  signal?: AbortSignal;
}

/** Reads, checks and (optionally) processes an image; throws GleanError when it must be refused. */
export async function prepareUpload(input: ByteSource, opts: PrepareOptions): Promise<PreparedImage> {
  const bytes = await readCapped(input, opts.capBytes, opts.signal);
  // Sniff the whole file: `animated` needs it, and naming the type reads only the first bytes.
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) throw new GleanError('invalid-input', refusalMessage(sniffed));
  assertComplete(bytes, sniffed.format);
  // A fresh Blob, so its type is the sniffed one whatever the source claimed.
  const blob = new Blob([bytes], { type: sniffed.mime });
  const decoded = await decodeOrRefuse(blob, sniffed.format, opts.decoder);
  const processing: ProcessingOptions = { ...opts.processing };
  // A square crop makes sense for a face in a profile picture, not for a screenshot or a logo.
  processing.squareCrop = opts.imageType === 'USER' && opts.processing?.squareCrop === true;
  try {
    const input = { bytes: blob, format: sniffed.format, mime: sniffed.mime, animated: sniffed.animated, ...decoded };
    const result = await processImage(input, processing, opts.canvas);
    if (result.bytes !== blob && result.bytes.size > opts.capBytes) {
      // Converting (say, a JPEG photo to PNG) can grow it past the cap; the original fits, so send that.
      return { bytes: blob, mime: sniffed.mime, width: decoded.width, height: decoded.height, notes: [t('image_sentOriginalOverCap')] };
    }
    return result;
  } finally {
    decoded.bitmap?.close();
  }
}
