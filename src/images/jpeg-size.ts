/**
 * A JPEG's size from its frame header (SOF), turned as its EXIF orientation says: browsers show
 * a phone photo upright, so its 4032 x 3024 pixels are 3024 x 4032 to whoever looks at it.
 */
import { ascii, u16be, u16le, u32be, u32le } from './bytes';
import { walkJpeg } from './jpeg-segments';
import type { Dimensions } from './types';

// Start-of-frame markers; C4 (DHT), C8 (reserved) and CC (DAC) share the range but are not frames.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const APP1 = 0xe1;
const SOS = 0xda;
const ORIENTATION_TAG = 0x0112;

/** The orientation tag of the TIFF structure at `tiff` (inside APP1, ending at `end`); 1 if absent. */
function exifOrientation(b: Uint8Array, tiff: number, end: number): number {
  const little = b[tiff] === 0x49; // "II": Intel byte order
  const r16 = (at: number) => (at + 2 > end ? 0 : little ? u16le(b, at) : u16be(b, at));
  const r32 = (at: number) => (at + 4 > end ? 0 : little ? u32le(b, at) : u32be(b, at));
  const ifd = tiff + r32(tiff + 4);
  const count = r16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + 12 * i;
    if (entry + 12 > end) break;
    if (r16(entry) === ORIENTATION_TAG) return r16(entry + 8);
  }
  return 1;
}

/** Width and height as shown, or undefined when no frame header comes before the first scan. */
export function jpegSize(b: Uint8Array): Dimensions | undefined {
  let size: Dimensions | undefined;
  let orientation = 1;
  walkJpeg(b, ({ marker, at, length }) => {
    if (marker === APP1 && ascii(b, at + 4, 6) === 'Exif\0\0') orientation = exifOrientation(b, at + 10, at + 2 + length);
    if (SOF.has(marker)) size = { width: u16be(b, at + 7), height: u16be(b, at + 5) };
    return size !== undefined || marker === SOS;
  });
  // Orientations 5 to 8 turn the picture a quarter.
  return size && orientation >= 5 && orientation <= 8 ? { width: size.height, height: size.width } : size;
}
