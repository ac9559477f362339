/** How jobs look to pages: copies, states as shown while the queue waits, and counts. */
import type { HistoryEntry } from '../history/types';
import type { Job, JobSummary, QueueCounts, QueuePause } from './types';

/** What pages may see of a job (a copy, so later changes do not show through). */
export function summarize(job: Job): JobSummary {
  return { ...job };
}

/**
 * A job as shown: while the whole queue waits, waiting jobs read "paused"; once it goes on, a job
 * stored as paused reads "queued". Pausing thus never rewrites every job.
 */
export function view(job: Job, pause: QueuePause | null): JobSummary {
  if (pause && job.state === 'queued') return { ...job, state: 'paused' };
  if (!pause && job.state === 'paused') return { ...job, state: 'queued' };
  return summarize(job);
}

/** Counts jobs by state for the badge and the popup. */
export function countJobs(jobs: Pick<Job, 'state'>[]): QueueCounts {
  const counts: QueueCounts = { queued: 0, uploading: 0, failed: 0, paused: 0 };
  for (const j of jobs) if (j.state in counts) counts[j.state as keyof QueueCounts] += 1;
  return counts;
}

/** A finished upload as a done job: the answer to a hand-over asked again after it finished. */
export function doneJobOf(entry: HistoryEntry): JobSummary {
  const { fileName, pageUrl, srcUrl } = entry;
  return {
    id: entry.id,
    state: 'done',
    mime: entry.mime,
    size: entry.size,
    width: entry.width,
    height: entry.height,
    metadata: entry.metadata,
    ...(entry.actAs ? { actAs: entry.actAs } : {}),
    fingerprint: entry.fingerprint,
    source: { ...(fileName ? { fileName } : {}), ...(pageUrl ? { pageUrl } : {}), ...(srcUrl ? { srcUrl } : {}) },
    attempts: 1,
    notBefore: 0,
    resent: entry.resent ?? false,
    result: { url: entry.url, ...(entry.key ? { key: entry.key } : {}), ...(entry.serverMetadata ? { metadata: entry.serverMetadata } : {}) },
    notes: [],
    createdAt: entry.createdAt,
    updatedAt: entry.createdAt,
  };
}
