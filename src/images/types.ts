import type { MessageKey } from '../i18n/t';

/** Image formats the extension uploads, found from the bytes, never from a name. */
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'bmp' | 'ico';

/** What a container check found: the whole file, a file cut off before its end, or one damaged inside. */
export type Wholeness = 'whole' | 'cut-off' | 'damaged';

/** An image's size in pixels, as its header states it (after any rotation the header asks for). */
export interface Dimensions {
  width: number;
  height: number;
}

/** What sniffing found: an image format we upload, or what the bytes are instead. */
export type SniffResult =
  | { ok: true; format: ImageFormat; mime: string; animated: boolean }
  | SniffRefusal;

/** Optional processing before upload; every field off means "send as it is". */
export interface ProcessingOptions {
  /** Longest allowed width and height in pixels; 0 or absent: no limit. */
  maxWidth?: number;
  maxHeight?: number;
  /** Output format; 'keep' sends the original format. */
  format?: 'keep' | 'png' | 'jpeg' | 'webp';
  /** 0..1, for JPEG and WebP. */
  quality?: number;
  /** A centred square crop (offered for profile pictures, USER). */
  squareCrop?: boolean;
}

/** Bytes ready to upload with the content type that matches them. */
export interface PreparedImage {
  bytes: Blob;
  mime: string;
  width: number;
  height: number;
  /** Notes for the user, e.g. that an animated image was kept as it was. */
  notes: string[];
  /** The SHA-256 of `bytes` in hex, taken while they were in memory (duplicates are found by it). */
  sha256: string;
  /**
   * The same bytes as read and checked, as a Blob in memory, when `bytes` is a view of the source
   * (a chosen file): for when the file has changed on disk before it could be stored.
   */
  inMemory?: () => Blob;
}

/** The content type sent for each format; ICO uses the name browsers themselves report. */
export const IMAGE_MIME: Readonly<Record<ImageFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
};

/** How each format is named in messages to the user: the same in every language. */
export const FORMAT_LABEL: Readonly<Record<ImageFormat, string>> = {
  png: 'PNG',
  jpeg: 'JPEG',
  gif: 'GIF',
  webp: 'WebP',
  avif: 'AVIF',
  bmp: 'BMP',
  ico: 'ICO',
};

/**
 * Why bytes were refused: `what` is the message saying what they are and what to do instead
 * ("This is an HTML page. A link may …"), `names` the file type names it shows as $1, $2….
 */
export interface SniffRefusal {
  ok: false;
  what: MessageKey;
  names?: readonly string[];
}
