/** What the upload queue takes from the outside world, and what a new upload brings. */
import type { ImageMetadataFields, UploadResult } from '../glean/types';
import type { CheckClock } from '../images/check-timings';
import type { PreparedImage } from '../images/types';
import type { QueueEvent } from '../messaging/protocol';
import type { UploadPreferences } from '../settings/upload-preferences';
import type { RateGate } from './rate-gate';
import type { Job, JobSource } from './types';

/** What the queue needs from the outside world; tests pass fakes. */
export interface QueueDeps {
  upload(job: Job, bytes: Blob, signal: AbortSignal): Promise<UploadResult>;
  preferences(): Promise<UploadPreferences>;
  /** A history preview; `size` is the image's own, from its header. */
  thumbnail(bytes: Blob, size: { width: number; height: number }): Promise<Blob | undefined>;
  gate: RateGate;
  notify(event: QueueEvent): void;
  /** Asks to be woken at `at` (epoch ms) even if the background is stopped meanwhile; null: no need. */
  scheduleWake(at: number | null): void;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  newId?: () => string;
}

/** A new upload: prepared bytes and what to send with them. */
export interface EnqueueInput {
  prepared: PreparedImage;
  metadata: ImageMetadataFields;
  actAs?: string;
  source: JobSource;
  insist?: boolean;
  /** The page's id for this hand-over, kept as the job's id so a hand-over sent twice is one job. */
  id?: string;
  /** Times hashing and storing (the bench reads the times). */
  clock?: CheckClock;
}
