/**
 * The one way bytes become an upload: read within the cap, learn the real type from the bytes,
 * check the container for completeness and the size its header states against the pixel limit,
 * and only when processing needs pixels, decode. Every refusal is a GleanError('invalid-input')
 * whose message tells the user what the file is and what to do.
 */
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { CanvasFactory } from './canvas';
import { untimed, type CheckClock } from './check-timings';
import { decodeOrRefuse, type Decoder } from './decode';
import { sha256Hex } from './digest';
import { checkedDimensions } from './dimensions';
import { planProcessing } from './plan';
import { processImage, type ProcessResult } from './process';
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
  /** Times each step (the bench reads the times). */
  clock?: CheckClock;
}

/** Reads, checks and (optionally) processes an image; throws GleanError when it must be refused. */
export async function prepareUpload(input: ByteSource, opts: PrepareOptions): Promise<PreparedImage> {
  const bytes = await readCapped(input, opts.capBytes, opts.signal);
  const clock = opts.clock ?? untimed;
  // Sniff the whole file: `animated` needs it, and naming the type reads only the first bytes.
  const sniffed = clock.sync('sniff', () => sniffImage(bytes));
  if (!sniffed.ok) throw new GleanError('invalid-input', refusalMessage(sniffed));
  // Hashing starts first: its answer is ready by the time the checks below end (a Chrome trace shows
  // its work on this thread, so this saves waiting, not CPU).
  const digest = sha256Hex(bytes);
  digest.catch(() => undefined); // a refused file never asks for it
  // A cut-off file is said to be cut off, whatever its header states; then the pixel limit, so a
  // decompression bomb (a whole file, small, that states a huge size) never reaches a decoder.
  clock.sync('structure', () => assertComplete(bytes, sniffed.format));
  const size = clock.sync('dimensions', () => checkedDimensions(bytes, sniffed.format));
  // Typed as sniffed whatever the source claimed. A Blob source (a chosen file) is taken as a view
  // rather than copied: its bytes stay where the browser keeps them, and storing them copies nothing
  // through this worker (about 10 % of a 40-file upload on loopback).
  const inMemory = () => new Blob([bytes], { type: sniffed.mime });
  const view = input instanceof Blob && input.size === bytes.length;
  const blob = view ? input.slice(0, input.size, sniffed.mime) : inMemory();
  const processing: ProcessingOptions = { ...opts.processing };
  // A square crop makes sense for a face in a profile picture, not for a screenshot or a logo.
  processing.squareCrop = opts.imageType === 'USER' && opts.processing?.squareCrop === true;
  const original: ProcessResult = { bytes: blob, mime: sniffed.mime, ...size, notes: [] };
  const hashed = async (result: ProcessResult): Promise<PreparedImage> => {
    const same = result.bytes === blob;
    const sha256 = same ? digest : result.bytes.arrayBuffer().then((b) => sha256Hex(new Uint8Array(b)));
    return { ...result, sha256: await clock.async('hash', () => sha256), ...(same && view ? { inMemory } : {}) };
  };
  // Nothing to change: the bytes go as they are, and no pixel is ever decoded.
  if (!planProcessing({ ...size, format: sniffed.format }, processing)) return hashed(original);
  const imageInput = { bytes: blob, format: sniffed.format, mime: sniffed.mime, animated: sniffed.animated, ...size };
  // An animated image is kept whole (a canvas holds one frame): processing says so without pixels.
  if (sniffed.animated) return hashed(await processImage(imageInput, processing, opts.canvas));
  const decoded = await clock.async('decode', () => decodeOrRefuse(blob, sniffed.format, opts.decoder));
  try {
    const result = await clock.async('process', () => processImage({ ...imageInput, ...decoded }, processing, opts.canvas));
    if (result.bytes !== blob && result.bytes.size > opts.capBytes) {
      // Converting (say, a JPEG photo to PNG) can grow it past the cap; the original fits, so send that.
      return hashed({ ...original, width: decoded.width, height: decoded.height, notes: [t('image_sentOriginalOverCap')] });
    }
    return hashed(result);
  } finally {
    decoded.bitmap?.close();
  }
}
