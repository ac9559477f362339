/**
 * Decides what processing would do to an image, without touching pixels. Kept pure so every
 * decision (fit, crop, format, "nothing to do") is tested in Node without a canvas.
 */
import { t } from '../i18n/t';
import { FORMAT_LABEL, IMAGE_MIME, type ImageFormat, type ProcessingOptions } from './types';

/** A format a canvas can write. */
export type OutputFormat = 'png' | 'jpeg' | 'webp';

/** One change a plan makes; converting is to the plan's `format`. */
export type PlanAction = 'resize' | 'crop' | 'convert';

/** What to draw and how to encode it. */
export interface Plan {
  /** The source rectangle: the whole image, or its centred square. */
  crop: { sx: number; sy: number; sw: number; sh: number };
  width: number;
  height: number;
  format: OutputFormat;
  mime: string;
  quality?: number;
  /** What the plan changes, always in this order: resize, crop, convert. */
  actions: PlanAction[];
  /** Set when 'keep' cannot keep the format because browsers cannot write it. */
  formatNote?: string;
}

/** Canvases write PNG, JPEG and WebP; GIF, BMP and ICO re-encode losslessly as PNG, AVIF compactly as WebP. */
function keptFormat(format: ImageFormat): OutputFormat {
  if (format === 'png' || format === 'jpeg' || format === 'webp') return format;
  return format === 'avif' ? 'webp' : 'png';
}

/** The plan for `opts` on a decoded w x h image, or undefined when nothing would change. */
export function planProcessing(
  source: { width: number; height: number; format: ImageFormat },
  opts: ProcessingOptions,
): Plan | undefined {
  const { width: w, height: h, format } = source;
  const side = Math.min(w, h);
  const cropping = opts.squareCrop === true && w !== h;
  const crop = cropping
    ? { sx: Math.floor((w - side) / 2), sy: Math.floor((h - side) / 2), sw: side, sh: side }
    : { sx: 0, sy: 0, sw: w, sh: h };
  // Fit inside the bounds keeping the aspect ratio; a factor above 1 would upscale, so cap at 1.
  const maxW = opts.maxWidth && opts.maxWidth > 0 ? opts.maxWidth : Infinity;
  const maxH = opts.maxHeight && opts.maxHeight > 0 ? opts.maxHeight : Infinity;
  const scale = Math.min(1, maxW / crop.sw, maxH / crop.sh);
  const width = Math.max(1, Math.min(Math.round(crop.sw * scale), Math.floor(maxW)));
  const height = Math.max(1, Math.min(Math.round(crop.sh * scale), Math.floor(maxH)));
  const resizing = width !== crop.sw || height !== crop.sh;

  const requested = opts.format ?? 'keep';
  const converting = requested !== 'keep' && requested !== format;
  // Asking for the format the image already has changes nothing: re-encoding would only lose quality.
  if (!resizing && !cropping && !converting) return undefined;

  const out: OutputFormat = requested === 'keep' ? keptFormat(format) : requested;
  const actions: PlanAction[] = [...(resizing ? ['resize' as const] : []), ...(cropping ? ['crop' as const] : [])];
  if (converting) actions.push('convert');
  const plan: Plan = { crop, width, height, format: out, mime: IMAGE_MIME[out], actions };
  if (out !== 'png' && Number.isFinite(opts.quality)) plan.quality = Math.min(1, Math.max(0, opts.quality!));
  if (requested === 'keep' && out !== format) {
    plan.formatNote = t('image_savedAs', FORMAT_LABEL[out], FORMAT_LABEL[format]);
  }
  return plan;
}
