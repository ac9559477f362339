/**
 * A small preview for the queue and the history list. It is a nicety: any failure yields
 * undefined, never an error, so a thumbnail can never fail an upload.
 */
import { offscreenCanvas, type CanvasFactory } from './canvas';
import { browserDecoder, type DecodeScale, type Decoder } from './decode';

interface Size {
  width: number;
  height: number;
}

/** Fits width x height into size x size, never enlarging. */
function fit(source: Size, size: number): Size {
  const scale = Math.min(1, size / source.width, size / source.height);
  return { width: Math.max(1, Math.round(source.width * scale)), height: Math.max(1, Math.round(source.height * scale)) };
}

/** The longer side scaled to fit (the decoder keeps the aspect); none when unknown or already small. */
function scaleFor(known: Size, size: number): DecodeScale | undefined {
  if (!(known.width > 0 && known.height > 0)) return undefined;
  const target = fit(known, size);
  if (target.width === known.width) return undefined; // small enough already
  return known.width >= known.height ? { width: target.width } : { height: target.height };
}

/**
 * A preview fitting in size x size (WebP, or PNG where WebP cannot be written), or undefined.
 * With the image's size known (`known`, from its header), the browser scales it as it decodes,
 * so the bitmap kept while drawing is thumbnail-sized rather than, for a 100-megapixel photo,
 * 400 MB, and the drawing left for this thread is tiny.
 */
export async function makeThumbnail(
  blob: Blob,
  known?: Size,
  { decoder = browserDecoder, size = 96, canvas = offscreenCanvas }: { decoder?: Decoder; size?: number; canvas?: CanvasFactory } = {},
): Promise<Blob | undefined> {
  let bitmap: ImageBitmap | undefined;
  try {
    const decoded = await decoder.decode(blob, known && scaleFor(known, size));
    bitmap = decoded.bitmap;
    if (!bitmap || !(decoded.width > 0 && decoded.height > 0)) return undefined;
    const { width, height } = fit(decoded, size);
    const surface = canvas(width, height);
    const ctx = surface.getContext('2d');
    if (!ctx) return undefined;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, decoded.width, decoded.height, 0, 0, width, height);
    const thumb = await surface.convertToBlob({ type: 'image/webp', quality: 0.8 });
    return thumb.size > 0 ? thumb : undefined;
  } catch {
    return undefined;
  } finally {
    bitmap?.close();
  }
}
