/**
 * A small preview for the queue and the history list. It is a nicety: any failure yields
 * undefined, never an error, so a thumbnail can never fail an upload.
 */
import { offscreenCanvas, type CanvasFactory } from './canvas';
import { browserDecoder, type Decoder } from './decode';

/** A preview fitting in size x size (WebP, or PNG where WebP cannot be written), or undefined. */
export async function makeThumbnail(
  blob: Blob,
  decoder: Decoder = browserDecoder,
  size = 96,
  canvas: CanvasFactory = offscreenCanvas,
): Promise<Blob | undefined> {
  let bitmap: ImageBitmap | undefined;
  try {
    const decoded = await decoder.decode(blob);
    bitmap = decoded.bitmap;
    if (!bitmap || !(decoded.width > 0 && decoded.height > 0)) return undefined;
    const scale = Math.min(1, size / decoded.width, size / decoded.height);
    const width = Math.max(1, Math.round(decoded.width * scale));
    const height = Math.max(1, Math.round(decoded.height * scale));
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
