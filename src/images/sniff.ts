/**
 * Finds what bytes really are from their magic numbers. A file name or a server's Content-Type
 * can lie (an HTML error page saved as .png, a renamed PDF); the bytes cannot, so they alone
 * decide whether we upload and which Content-Type we send.
 */
import { isAnimated } from './animation';
import { ascii, hasBytes, u16le, u32le } from './bytes';
import { ftypBrands } from './iso-bmff';
import { describeText } from './sniff-text';
import { IMAGE_MIME, type ImageFormat, type SniffRefusal, type SniffResult } from './types';

export { isAnimated };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HEIC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'heif'];
// Header sizes of the BMP DIB variants (core, info, v2..v5): 'BM' alone is too weak a signature.
const BMP_DIB_SIZES = [12, 40, 52, 56, 64, 108, 124];
const MP4_BRANDS = ['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4V ', '3gp4', '3gp5'];

/** The image format the bytes start with, if it is one we upload. */
function imageFormat(b: Uint8Array): ImageFormat | undefined {
  if (hasBytes(b, PNG)) return 'png';
  if (hasBytes(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  const sig = ascii(b, 0, 6);
  if (sig === 'GIF87a' || sig === 'GIF89a') return 'gif';
  if (sig.startsWith('RIFF') && ascii(b, 8, 4) === 'WEBP') return 'webp';
  const brands = ftypBrands(b);
  if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  if (sig.startsWith('BM') && BMP_DIB_SIZES.includes(u32le(b, 14))) return 'bmp';
  // ICO: reserved 0, type 1, at least one image; the first entry's reserved byte is 0.
  if (hasBytes(b, [0, 0, 1, 0]) && u16le(b, 4) > 0 && b.length > 9 && b[9] === 0) return 'ico';
  return undefined;
}

/** Names binary formats people mistake for images, with advice where there is any to give. */
function describeBinary(b: Uint8Array): SniffRefusal | undefined {
  const sig = ascii(b, 0, 8);
  const brands = ftypBrands(b);
  if (brands.some((brand) => HEIC_BRANDS.includes(brand))) {
    return { ok: false, what: 'a HEIC photo', hint: 'Most browsers cannot show HEIC; convert it to JPEG and upload that.' };
  }
  const video = 'Glean stores still pictures; upload a screenshot of the frame you need.';
  if (brands[0] === 'M4A ') return { ok: false, what: 'an audio file' };
  if (brands[0] === 'qt  ') return { ok: false, what: 'a video (QuickTime)', hint: video };
  if (brands.some((brand) => MP4_BRANDS.includes(brand))) return { ok: false, what: 'a video (MP4)', hint: video };
  if (hasBytes(b, [0x1a, 0x45, 0xdf, 0xa3])) return { ok: false, what: 'a video (WebM)', hint: video };
  const riffKind = sig.startsWith('RIFF') ? ascii(b, 8, 4) : '';
  if (riffKind === 'AVI ') return { ok: false, what: 'a video (AVI)', hint: video };
  if (riffKind === 'WAVE') return { ok: false, what: 'an audio file' };
  if (sig.startsWith('%PDF-')) {
    return { ok: false, what: 'a PDF document', hint: 'Glean stores pictures; export the page you need as PNG or JPEG and upload that.' };
  }
  if (sig.startsWith('PK\x03\x04') || sig.startsWith('PK\x05\x06')) {
    return { ok: false, what: 'a ZIP archive', hint: 'Unpack it and upload the pictures inside one at a time.' };
  }
  if (sig.startsWith('II*\0') || sig.startsWith('MM\0*')) {
    return { ok: false, what: 'a TIFF image', hint: 'Browsers cannot show TIFF; convert it to PNG or JPEG and upload that.' };
  }
  if (hasBytes(b, [0x1f, 0x8b])) return { ok: false, what: 'a compressed (gzip) file' };
  return undefined;
}

/**
 * What the bytes are: pass at least the first 4 KB to name the type, and the whole file when
 * `animated` matters (a GIF's second frame can lie anywhere).
 */
export function sniffImage(head: Uint8Array): SniffResult {
  if (head.length === 0) return { ok: false, what: 'an empty file', hint: 'There is no image in it.' };
  const format = imageFormat(head);
  if (format) {
    return { ok: true, format, mime: IMAGE_MIME[format], animated: isAnimated(head, format) };
  }
  return (
    describeBinary(head) ??
    describeText(head) ?? {
      ok: false,
      what: 'a file of an unknown kind',
      hint: 'Glean takes PNG, JPEG, GIF, WebP, AVIF, BMP and ICO images.',
    }
  );
}

/** The sentence shown when bytes are refused: "This is an HTML page. A link may ...". */
export function refusalMessage(r: SniffRefusal): string {
  return r.hint ? `This is ${r.what}. ${r.hint}` : `This is ${r.what}, not an image.`;
}
