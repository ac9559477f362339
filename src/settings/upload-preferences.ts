import type { ImageMetadataFields, ImageType } from '../glean/types';
import type { ProcessingOptions } from '../images/types';

/** How uploads behave; the options page edits these, every upload may override processing. */
export interface UploadPreferences {
  /** Largest file accepted, in bytes. */
  capBytes: number;
  /** Uploads in flight at once. */
  concurrency: number;
  /** Attempts before a job that keeps failing on network errors, 5xx or 429 is marked failed. */
  maxAttempts: number;
  /** Finished uploads kept in history. */
  historyCap: number;
  /** Processing applied unless an upload says otherwise. */
  processing: ProcessingOptions;
  /** The right-click "Upload to Glean" type and metadata. */
  defaultType: ImageType;
  defaultMetadata: Omit<ImageMetadataFields, 'type'>;
}

/**
 * The range of each preference: the options page checks a draft against these, and the
 * background's message schema holds every saved preference to them.
 */
export const PREFERENCE_BOUNDS = {
  /** The largest file accepted, in MiB: under 1 ordinary photos are refused; every accepted file is held whole in memory and in IndexedDB until sent, so not beyond 200. */
  capMb: [1, 200],
  /** Uploads in flight at once: more only crowd the browser's few connections to one server. */
  concurrency: [1, 8],
  /** Attempts per upload: with waits doubling up to 5 minutes (queue/backoff.ts), 20 may span up to about an hour. */
  maxAttempts: [1, 20],
  /** Finished uploads kept, each with a thumbnail in IndexedDB. */
  historyCap: [10, 5000],
  /** Largest width or height to resize to, in pixels: beyond any camera's picture, where browsers' canvases give out. */
  side: [1, 20_000],
} as const;

export const DEFAULT_UPLOAD_PREFERENCES: UploadPreferences = {
  capBytes: 20 * 1024 * 1024,
  concurrency: 3,
  maxAttempts: 6,
  historyCap: 500,
  processing: { format: 'keep' },
  defaultType: 'UGC',
  defaultMetadata: {},
};
