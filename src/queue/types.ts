import type { ImageMetadataFields, UploadResult } from '../glean/types';
import type { ErrorInfo } from '../messaging/protocol';

/**
 * queued -> uploading -> done | failed; paused while the whole queue waits (429, 401). cancelled:
 * removed at the person's wish; only ever told in an event, never stored (the job is gone).
 */
export type JobState = 'queued' | 'uploading' | 'done' | 'failed' | 'paused' | 'cancelled';

/** Where an upload came from, kept for history. */
export interface JobSource {
  fileName?: string;
  pageUrl?: string;
  srcUrl?: string;
  /** The tab a right-click upload came from, whose toast follows the job. */
  tabId?: number;
}

/**
 * One upload as stored in IndexedDB before any network call. Its bytes are stored apart, once
 * (src/db/jobs.ts), so the frequent state updates never rewrite them.
 */
export interface Job {
  id: string;
  state: JobState;
  mime: string;
  size: number;
  width: number;
  height: number;
  metadata: ImageMetadataFields;
  /** Set only with a global token: who the upload acts for. */
  actAs?: string;
  /** SHA-256 of the bytes plus the metadata: the same upload twice has the same fingerprint. */
  fingerprint: string;
  source: JobSource;
  attempts: number;
  /** Epoch ms before which this job is not tried again (backoff). */
  notBefore: number;
  /** True when an attempt was cut off (background stopped mid-upload) and the job was sent again. */
  resent: boolean;
  error?: ErrorInfo;
  result?: UploadResult;
  notes: string[];
  createdAt: number;
  updatedAt: number;
}

/** A job as pages see it (the record holds no bytes). */
export type JobSummary = Job;

/** Why the whole queue waits, if it does. */
export type QueuePause =
  | { reason: 'rate-limited'; until: number }
  | { reason: 'unauthorized'; message: string };

/** Counts for the badge and the popup. */
export interface QueueCounts {
  queued: number;
  uploading: number;
  failed: number;
  paused: number;
}
