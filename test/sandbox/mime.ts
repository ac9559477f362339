/**
 * Content types: which ones count as images, the file extension Glean reports for each
 * (`ImageMetadata.ext`), sniffing of well-known signatures, and types for the demo files.
 */

/** The media type without parameters, lower-cased: "image/PNG; q=1" -> "image/png". */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** True for "image/<subtype>" with a plausible subtype; "image/" or "image/*" are not types. */
export function isImageType(type: string): boolean {
  return /^image\/[a-z0-9][a-z0-9.+-]*$/.test(type);
}

const EXT_BY_TYPE: Record<string, string> = {
  'image/png': 'png',
  'image/apng': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/x-ms-bmp': 'bmp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'image/tiff': 'tiff',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/heif': 'heif',
};

/** The extension an image of this type is saved with; unknown types fall back to the subtype. */
export function extForType(type: string): string {
  const known = EXT_BY_TYPE[type];
  if (known) return known;
  const subtype = type.slice(type.indexOf('/') + 1).replace(/^x-/, '').split('+')[0]!;
  return subtype.replace(/[^a-z0-9]/g, '') || 'bin';
}

/** Magic numbers of the formats a browser commonly hands an extension. */
const SIGNATURES: { ext: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', test: (b) => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')) },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { ext: 'bmp', test: (b) => b.subarray(0, 2).toString('latin1') === 'BM' },
];

/** The extension the bytes' signature says, or undefined when the format isn't recognised. */
export function sniffExt(bytes: Buffer): string | undefined {
  return SIGNATURES.find((s) => s.test(bytes))?.ext;
}

const STATIC_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  json: 'application/json',
  png: 'image/png',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
};

export function staticType(path: string): string {
  return STATIC_TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}
