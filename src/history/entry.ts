import type { UploadResult } from '../glean/types';
import type { Job } from '../queue/types';
import type { HistoryEntry } from './types';

/** The history entry for a finished job: what was sent, where it came from, what Glean answered. */
export function historyEntryFor(job: Job, result: UploadResult, now: number): HistoryEntry {
  return {
    id: job.id,
    key: result.key ?? '',
    url: result.url,
    metadata: job.metadata,
    ...(result.metadata ? { serverMetadata: result.metadata } : {}),
    mime: job.mime,
    size: job.size,
    width: job.width,
    height: job.height,
    createdAt: now,
    fingerprint: job.fingerprint,
    ...(job.source.pageUrl ? { pageUrl: job.source.pageUrl } : {}),
    ...(job.source.srcUrl ? { srcUrl: job.source.srcUrl } : {}),
    ...(job.source.fileName ? { fileName: job.source.fileName } : {}),
    ...(job.actAs ? { actAs: job.actAs } : {}),
    ...(job.resent ? { resent: true } : {}),
  };
}
