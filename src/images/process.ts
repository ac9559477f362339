/**
 * Optional resizing, square cropping and format conversion on an OffscreenCanvas (there is no
 * DOM in the background). The original bytes go out untouched whenever nothing would change, so
 * what the server stores is exactly what the user picked.
 */
import { t, type MessageKey } from '../i18n/t';
import { offscreenCanvas, type CanvasFactory } from './canvas';
import { planProcessing, type Plan } from './plan';
import { sniffImage } from './sniff';
import { FORMAT_LABEL, type ImageFormat, type ProcessingOptions } from './types';

/** A sniffed, decoded image about to be processed. */
export interface ProcessInput {
  bytes: Blob;
  format: ImageFormat;
  mime: string;
  width: number;
  height: number;
  animated: boolean;
  /** What the decoder produced; without it there is nothing to draw from. */
  bitmap?: ImageBitmap;
}

/** Bytes to send, their real type and size, and notes for the user. */
export interface ProcessResult {
  bytes: Blob;
  mime: string;
  width: number;
  height: number;
  notes: string[];
}

// One whole sentence per set of actions (keyed by the plan's actions joined with "+"), so
// translators see "resizing and cropping" in its sentence rather than pieces glued together.
/** $1 the animated image's format, $2 the one it would have been converted to. */
const ANIMATED_NOTE = {
  resize: 'image_animatedResize',
  crop: 'image_animatedCrop',
  'resize+crop': 'image_animatedResizeCrop',
  convert: 'image_animatedConvert',
  'resize+convert': 'image_animatedResizeConvert',
  'crop+convert': 'image_animatedCropConvert',
  'resize+crop+convert': 'image_animatedResizeCropConvert',
} as const satisfies Record<string, MessageKey>;

/** $1 the format it would have been converted to. */
const FAILED_NOTE = {
  resize: 'image_failedResize',
  crop: 'image_failedCrop',
  'resize+crop': 'image_failedResizeCrop',
  convert: 'image_failedConvert',
  'resize+convert': 'image_failedResizeConvert',
  'crop+convert': 'image_failedCropConvert',
  'resize+crop+convert': 'image_failedResizeCropConvert',
} as const satisfies Record<keyof typeof ANIMATED_NOTE, MessageKey>;

/** Draws and encodes as planned; the output's real type comes from its bytes, like any input's. */
async function render(bitmap: ImageBitmap, plan: Plan, canvas: CanvasFactory): Promise<ProcessResult> {
  const surface = canvas(plan.width, plan.height);
  const ctx = surface.getContext('2d');
  if (!ctx) throw new Error('no 2D context');
  if (plan.format === 'jpeg') {
    // JPEG has no alpha: encoders turn transparent pixels black, so paint them white first.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, plan.width, plan.height);
  }
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  const { sx, sy, sw, sh } = plan.crop;
  ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, plan.width, plan.height);
  const options = plan.quality === undefined ? { type: plan.mime } : { type: plan.mime, quality: plan.quality };
  const encoded = await surface.convertToBlob(options);
  const sniffed = sniffImage(new Uint8Array(await encoded.slice(0, 64).arrayBuffer()));
  if (!sniffed.ok) throw new Error('the canvas produced no image');
  const notes: string[] = [];
  // Firefox may not encode WebP and quietly hands back PNG: use it, and say so.
  if (sniffed.mime !== plan.mime) {
    const [asked, got] = [FORMAT_LABEL[plan.format], FORMAT_LABEL[sniffed.format]];
    notes.push(t('image_browserCannotWrite', asked, got));
  } else if (plan.formatNote) {
    notes.push(plan.formatNote);
  }
  const bytes = encoded.type === sniffed.mime ? encoded : new Blob([encoded], { type: sniffed.mime });
  return { bytes, mime: sniffed.mime, width: plan.width, height: plan.height, notes };
}

/** Applies `opts` to the image, or returns it unchanged (same Blob) with a note saying why not. */
export async function processImage(
  input: ProcessInput,
  opts: ProcessingOptions,
  canvas: CanvasFactory = offscreenCanvas,
): Promise<ProcessResult> {
  const original = (note?: string): ProcessResult => ({
    bytes: input.bytes,
    mime: input.mime,
    width: input.width,
    height: input.height,
    notes: note ? [note] : [],
  });
  const plan = planProcessing(input, opts);
  if (!plan) return original();
  // A plan exists only when it changes something, so its actions are never empty.
  const actions = plan.actions.join('+') as keyof typeof ANIMATED_NOTE;
  const target = FORMAT_LABEL[plan.format];
  if (input.animated) {
    // A canvas holds one frame: processing would flatten the animation, which nobody asked for.
    return original(t(ANIMATED_NOTE[actions], FORMAT_LABEL[input.format], target));
  }
  const failed = t(FAILED_NOTE[actions], target);
  if (!input.bitmap) return original(failed);
  try {
    return await render(input.bitmap, plan, canvas);
  } catch {
    return original(failed);
  }
}
