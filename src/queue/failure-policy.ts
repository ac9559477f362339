/**
 * What a failed upload attempt means: for the job (retry later, wait with the queue, or fail for
 * good) and for the whole queue (close the rate gate, pause until the token changes).
 */
import type { ErrorInfo } from '../messaging/protocol';
import { backoffDelay } from './backoff';
import type { Job } from './types';

/** The decision: the job's next form, and what the queue as a whole must do. */
export interface FailureDecision {
  job: Job;
  /** Close the shared rate gate for this many seconds. */
  rateLimitSeconds?: number;
  /** Pause the whole queue until the token changes, with this message. */
  authPause?: string;
}

/** Decides after attempt number `job.attempts` failed with `error`. */
export function decideAfterFailure(job: Job, error: ErrorInfo, maxAttempts: number, now: number, random: () => number): FailureDecision {
  const spent = job.attempts >= maxAttempts;
  switch (error.kind) {
    case 'rate-limited':
      return {
        job: { ...job, state: spent ? 'failed' : 'paused', error },
        // Without Retry-After, back off as for any other passing failure.
        rateLimitSeconds: error.retryAfterSeconds ?? backoffDelay(job.attempts, random) / 1000,
      };
    case 'unauthorized':
      // Not the job's fault: the attempt does not count.
      return { job: { ...job, state: 'paused', attempts: job.attempts - 1, error }, authPause: error.message };
    case 'network':
    case 'timeout':
      // The request may have reached Glean and been stored before the connection was lost: the
      // next attempt is a resend that may leave a second copy, and says so.
      if (spent) return { job: { ...job, state: 'failed', error } };
      return { job: { ...job, state: 'queued', error, resent: true, notBefore: now + backoffDelay(job.attempts, random) } };
    case 'server':
    case 'aborted':
      if (spent) return { job: { ...job, state: 'failed', error } };
      return { job: { ...job, state: 'queued', error, notBefore: now + backoffDelay(job.attempts, random) } };
    default:
      // 400 and other answers that will not change by asking again.
      return { job: { ...job, state: 'failed', error } };
  }
}
