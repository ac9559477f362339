/**
 * Optional resizing, square cropping and format conversion on an OffscreenCanvas (there is no
 * DOM in the background). The original bytes go out untouched whenever nothing would change, so
 * what the server stores is exactly what the user picked.
 */
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

/** "resizing", "resizing and cropping", "resizing, cropping and converting it to PNG". */
function joinActions(actions: string[]): string {
  return actions.length <= 1 ? (actions[0] ?? '') : `${actions.slice(0, -1).join(', ')} and ${actions.at(-1)}`;
}

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
    notes.push(`This browser cannot write ${asked}, so the image was saved as ${got}.`);
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
  const actions = joinActions(plan.actions);
  if (input.animated) {
    // A canvas holds one frame: processing would flatten the animation, which nobody asked for.
    return original(`Kept the animated ${FORMAT_LABEL[input.format]} as it is; ${actions} would have kept only its first frame.`);
  }
  const failed = `Sent the image as it is: ${actions} did not work in this browser.`;
  if (!input.bitmap) return original(failed);
  try {
    return await render(input.bitmap, plan, canvas);
  } catch {
    return original(failed);
  }
}
