/**
 * Finds what bytes really are from their magic numbers. A file name or a server's Content-Type
 * can lie (an HTML error page saved as .png, a renamed PDF); the bytes cannot, so they alone
 * decide whether we upload and which Content-Type we send.
 */
import { isAnimated } from './animation';
import { ascii, hasBytes, u16le, u32le } from './bytes';
import { ftypBrands } from './iso-bmff';
import { describeText } from './sniff-text';
import { t } from '../i18n/t';
import { FORMAT_LABEL, IMAGE_MIME, type ImageFormat, type SniffRefusal, type SniffResult } from './types';

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
  const { png, jpeg } = FORMAT_LABEL;
  if (brands.some((brand) => HEIC_BRANDS.includes(brand))) return { ok: false, what: 'image_refusedHeic', names: ['HEIC', jpeg] };
  const video = (name: string): SniffRefusal => ({ ok: false, what: 'image_refusedVideo', names: [name] });
  if (brands[0] === 'M4A ') return { ok: false, what: 'image_refusedAudio' };
  if (brands[0] === 'qt  ') return video('QuickTime');
  if (brands.some((brand) => MP4_BRANDS.includes(brand))) return video('MP4');
  if (hasBytes(b, [0x1a, 0x45, 0xdf, 0xa3])) return video('WebM');
  const riffKind = sig.startsWith('RIFF') ? ascii(b, 8, 4) : '';
  if (riffKind === 'AVI ') return video('AVI');
  if (riffKind === 'WAVE') return { ok: false, what: 'image_refusedAudio' };
  if (sig.startsWith('%PDF-')) return { ok: false, what: 'image_refusedPdf', names: ['PDF', png, jpeg] };
  if (sig.startsWith('PK\x03\x04') || sig.startsWith('PK\x05\x06')) return { ok: false, what: 'image_refusedZip', names: ['ZIP'] };
  if (sig.startsWith('II*\0') || sig.startsWith('MM\0*')) return { ok: false, what: 'image_refusedTiff', names: ['TIFF', png, jpeg] };
  if (hasBytes(b, [0x1f, 0x8b])) return { ok: false, what: 'image_refusedGzip', names: ['gzip'] };
  return undefined;
}

/**
 * What the bytes are: pass at least the first 4 KB to name the type, and the whole file when
 * `animated` matters (a GIF's second frame can lie anywhere).
 */
export function sniffImage(head: Uint8Array): SniffResult {
  if (head.length === 0) return { ok: false, what: 'image_refusedEmpty' };
  const format = imageFormat(head);
  if (format) {
    return { ok: true, format, mime: IMAGE_MIME[format], animated: isAnimated(head, format) };
  }
  // The message lists the seven formats as $1…$7, in FORMAT_LABEL's order.
  const unknown: SniffRefusal = { ok: false, what: 'image_refusedUnknown', names: Object.values(FORMAT_LABEL) };
  return describeBinary(head) ?? describeText(head) ?? unknown;
}

/** The sentence shown when bytes are refused: "This is an HTML page. A link may ...". */
export function refusalMessage(r: SniffRefusal): string {
  return t(r.what, ...(r.names ?? []));
}
