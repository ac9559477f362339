/**
 * Stand-ins for the browser's decoder and OffscreenCanvas (Node has neither). They record what
 * the code under test asked for, and the canvas encodes real bytes of the asked-for format so
 * the code's own sniffing of its output is exercised too.
 */
import { vi } from 'vitest';
import type { CanvasFactory, Context2DLike } from '../../../src/images/canvas';
import type { DecodedImage, DecodeScale, Decoder } from '../../../src/images/decode';
import { jpeg, png, webp } from './corpus';

/** A bitmap whose close() is watched. */
export const fakeBitmap = () => ({ close: vi.fn() }) as unknown as ImageBitmap & { close: ReturnType<typeof vi.fn> };

/** A decoder that reports w x h (or reads a PNG's IHDR when no size is given). */
export function fakeDecoder(size?: { width: number; height: number }): Decoder & { decoded: DecodedImage[]; scales: (DecodeScale | undefined)[] } {
  const decoded: DecodedImage[] = [];
  const scales: (DecodeScale | undefined)[] = [];
  return {
    decoded,
    scales,
    async decode(blob, scaledTo) {
      scales.push(scaledTo);
      const b = new Uint8Array(await blob.arrayBuffer());
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const full = size ?? { width: view.getUint32(16), height: view.getUint32(20) };
      // As createImageBitmap does: one side given, the other follows the aspect.
      const scale = scaledTo ? (scaledTo.width ?? full.width * (scaledTo.height! / full.height)) / full.width : 1;
      const result = { width: Math.round(full.width * scale), height: Math.round(full.height * scale), bitmap: fakeBitmap() };
      decoded.push(result);
      return result;
    },
  };
}

/** A decoder that fails like createImageBitmap does on damaged bytes. */
export const brokenDecoder: Decoder = {
  decode: () => Promise.reject(new DOMException('The source image could not be decoded.', 'InvalidStateError')),
};

export interface CanvasLog {
  created: [number, number][];
  draws: unknown[][];
  fills: unknown[][];
  fillStyles: unknown[];
  encodes: { type?: string; quality?: number }[];
}

/**
 * A canvas factory. `writes` lists the types it can encode (like a browser); anything else comes
 * out as PNG, as Firefox does for WebP where it cannot write it.
 */
export function fakeCanvas(writes: string[] = ['image/png', 'image/jpeg', 'image/webp']): CanvasFactory & { log: CanvasLog } {
  const log: CanvasLog = { created: [], draws: [], fills: [], fillStyles: [], encodes: [] };
  const factory = (width: number, height: number) => {
    log.created.push([width, height]);
    const ctx: Context2DLike = {
      fillStyle: '#000',
      imageSmoothingEnabled: false,
      imageSmoothingQuality: 'low',
      fillRect(...args) {
        log.fills.push(args);
        log.fillStyles.push(ctx.fillStyle);
      },
      drawImage(...args) {
        log.draws.push(args);
      },
    };
    return {
      getContext: () => ctx,
      async convertToBlob(options: { type?: string; quality?: number } = {}) {
        log.encodes.push(options);
        const type = writes.includes(options.type ?? '') ? options.type! : 'image/png';
        const bytes = type === 'image/jpeg' ? jpeg(width, height) : type === 'image/webp' ? webp(width, height) : png(width, height);
        return new Blob([bytes], { type });
      },
    };
  };
  return Object.assign(factory, { log });
}

/** A canvas whose context cannot be had (as when OffscreenCanvas is missing or out of memory). */
export const deadCanvas: CanvasFactory = () => ({
  getContext: () => null,
  convertToBlob: () => Promise.reject(new Error('unused')),
});

/** The bytes of a Blob, for comparing what would be sent with the source. */
export const bytesOf = async (blob: Blob): Promise<number[]> => [...new Uint8Array(await blob.arrayBuffer())];
