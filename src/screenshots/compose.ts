/**
 * Turns a capture into the picture that is sent: cropped, with the redaction boxes burned into
 * its pixels (black, or pixelated from a tiny copy so no detail survives), encoded as PNG, JPEG or
 * WebP. Runs wherever OffscreenCanvas does: the editor page and the background.
 */
import type { Rect } from './geometry';

export type RedactMode = 'black' | 'pixelate';
export type ShotFormat = 'png' | 'jpeg' | 'webp';

/** A box to hide, in the capture's pixels. */
export interface Redaction extends Rect {
  mode: RedactMode;
}

export interface ComposeOptions {
  /** The part kept, in the capture's pixels; all of it when absent. */
  crop?: Rect;
  redactions?: readonly Redaction[];
  format: ShotFormat;
  /** 0..1, for JPEG and WebP. */
  quality?: number;
}

/** Pixel blocks of a pixelated box: at most this many across its longer side. */
const PIXELATE_BLOCKS = 12;

function pixelate(ctx: OffscreenCanvasRenderingContext2D, source: OffscreenCanvas, r: Rect): void {
  const scale = PIXELATE_BLOCKS / Math.max(r.width, r.height);
  const w = Math.max(1, Math.round(r.width * scale));
  const h = Math.max(1, Math.round(r.height * scale));
  const tiny = new OffscreenCanvas(w, h);
  const tctx = tiny.getContext('2d')!;
  tctx.drawImage(source, r.x, r.y, r.width, r.height, 0, 0, w, h);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tiny, 0, 0, w, h, r.x, r.y, r.width, r.height);
  ctx.imageSmoothingEnabled = true;
}

/** The finished picture's bytes. */
export async function compose(image: ImageBitmap, options: ComposeOptions): Promise<Blob> {
  const full = new OffscreenCanvas(image.width, image.height);
  const ctx = full.getContext('2d')!;
  ctx.drawImage(image, 0, 0);
  for (const box of options.redactions ?? []) {
    if (box.width <= 0 || box.height <= 0) continue;
    if (box.mode === 'black') {
      ctx.fillStyle = '#000';
      ctx.fillRect(box.x, box.y, box.width, box.height);
    } else {
      pixelate(ctx, full, box);
    }
  }
  let out = full;
  const crop = options.crop;
  if (crop && crop.width > 0 && crop.height > 0 && (crop.width !== image.width || crop.height !== image.height)) {
    out = new OffscreenCanvas(crop.width, crop.height);
    out.getContext('2d')!.drawImage(full, crop.x, crop.y, crop.width, crop.height, 0, 0, crop.width, crop.height);
  }
  const type = `image/${options.format}`;
  return out.convertToBlob(options.format === 'png' ? { type } : { type, quality: options.quality ?? 0.9 });
}
