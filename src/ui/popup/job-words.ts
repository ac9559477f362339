/** The state of an upload job in words, as the Upload and History tabs show it. */
import { t } from '../../i18n/t';
import type { JobSummary, QueuePause } from '../../queue/types';
import { fileNameOf, formatTime } from './format';

/** A sentence for a job's state; `pause` says why a paused job waits. */
export function jobStateText(job: JobSummary, pause: QueuePause | null): string {
  switch (job.state) {
    case 'queued':
      return job.attempts > 0 ? t('popup_waitingToRetry', job.attempts + 1) : t('popup_waitingInQueue');
    case 'uploading':
      return t('popup_uploading');
    case 'done':
      return t('popup_uploaded');
    case 'failed':
      return job.error ? t('popup_failed', job.error.message) : t('popup_failedNoReason');
    case 'paused':
      return pauseText(pause ?? pauseFromJob(job));
    case 'cancelled':
      return t('common_cancelled');
  }
}

/** Why the whole queue waits. */
export function pauseText(pause: QueuePause | null): string {
  if (!pause) return t('popup_paused');
  if (pause.reason === 'rate-limited') return t('popup_pausedRateLimited', formatTime(pause.until));
  return pause.message ? t('popup_pausedBecause', pause.message) : t('popup_pausedTokenRefused');
}

/** A paused job's reason when the queue's own pause is not known (its last error). */
function pauseFromJob(job: JobSummary): QueuePause | null {
  if (job.error?.kind === 'unauthorized') return { reason: 'unauthorized', message: job.error.message };
  if (job.error?.kind === 'rate-limited') return { reason: 'rate-limited', until: job.notBefore };
  return null;
}

/** True when the token was refused, so "Open settings" is the way forward. */
export function needsSettings(job: JobSummary, pause: QueuePause | null): boolean {
  return job.state === 'paused' && (pause?.reason === 'unauthorized' || (!pause && job.error?.kind === 'unauthorized'));
}

/** What a job is called in lists: its file name, the image's name in its page URL, or its metadata. */
export function jobName(job: Pick<JobSummary, 'source' | 'metadata'>): string {
  const { fileName, srcUrl } = job.source;
  if (fileName) return fileName;
  if (srcUrl) return fileNameOf(srcUrl);
  return [job.metadata.type, job.metadata.id].filter(Boolean).join(' ');
}
