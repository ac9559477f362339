import type { ImageMetadata, ImageMetadataFields } from '../glean/types';

/** One finished upload, kept for the popup's history. */
export interface HistoryEntry {
  /** The job's id. */
  id: string;
  key: string;
  url: string;
  metadata: ImageMetadataFields;
  /** What the server said it stored, when it said. */
  serverMetadata?: ImageMetadata;
  mime: string;
  size: number;
  width: number;
  height: number;
  /** A small preview (WebP or PNG) for the list. */
  thumbnail?: Blob;
  createdAt: number;
  pageUrl?: string;
  srcUrl?: string;
  fileName?: string;
  actAs?: string;
  /** The fingerprint of bytes and metadata, for duplicate detection. */
  fingerprint: string;
  /** Sent again after an attempt whose outcome was unknown (a cut connection or a stopped background). */
  resent?: boolean;
}
