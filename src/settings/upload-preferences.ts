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

export const DEFAULT_UPLOAD_PREFERENCES: UploadPreferences = {
  capBytes: 20 * 1024 * 1024,
  concurrency: 3,
  maxAttempts: 6,
  historyCap: 500,
  processing: { format: 'keep' },
  defaultType: 'UGC',
  defaultMetadata: {},
};
