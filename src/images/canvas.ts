/**
 * The slice of OffscreenCanvas that processing uses, behind a factory so Node tests can pass a
 * fake that records what was drawn and how it was encoded (Node has no canvas).
 */

/** The 2D context calls processing makes. */
export interface Context2DLike {
  fillStyle: unknown;
  imageSmoothingEnabled: boolean;
  imageSmoothingQuality: ImageSmoothingQuality;
  fillRect(x: number, y: number, w: number, h: number): void;
  drawImage(
    image: ImageBitmap,
    sx: number, sy: number, sw: number, sh: number,
    dx: number, dy: number, dw: number, dh: number,
  ): void;
}

/** A drawing surface that can encode itself, like OffscreenCanvas. */
export interface CanvasLike {
  getContext(kind: '2d'): Context2DLike | null;
  convertToBlob(options?: { type?: string; quality?: number }): Promise<Blob>;
}

/** Makes a w x h canvas. */
export type CanvasFactory = (width: number, height: number) => CanvasLike;

/** OffscreenCanvas: available in service workers, event pages and extension pages alike. */
export const offscreenCanvas: CanvasFactory = (width, height) => {
  const canvas = new OffscreenCanvas(width, height);
  return {
    getContext: () => canvas.getContext('2d'),
    convertToBlob: (options) => canvas.convertToBlob(options),
  };
};
