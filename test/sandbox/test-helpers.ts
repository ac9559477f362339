/** Shared bits for the sandbox's own tests (not a test file itself). */
import { createHash } from 'node:crypto';
import { GLOBAL_TOKEN, USER_TOKEN } from './auth.js';

export const asUser = (extra: Record<string, string> = {}): Record<string, string> => ({ authorization: `Bearer ${USER_TOKEN}`, ...extra });

export const asGlobal = (email = 'someone@example.com', extra: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${GLOBAL_TOKEN}`,
  'x-scio-actas': email,
  ...extra,
});

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Width and height from a PNG's IHDR. */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export async function bytesOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/** Minimal valid-looking headers of other formats, enough for the sandbox's sniffing. */
export const FAKE_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
export const FAKE_GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
export const FAKE_WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(18)]);
export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');

/** fetch's BodyInit wants ArrayBuffer-backed views; Node Buffers may sit on a shared pool. */
export const toBody = (bytes: Uint8Array | string): Uint8Array<ArrayBuffer> | string => (typeof bytes === 'string' ? bytes : new Uint8Array(bytes));
