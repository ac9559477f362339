import { t, tCount } from '../../i18n/t';
import type { HistoryEntry } from '../../history/types';
import type { JobSummary } from '../../queue/types';
import { fileNameOf } from './format';

/** An image on the page as the upload message names it. */
export interface PageRef {
  src: string;
  frameId: number;
}

/** What "Upload selected" produced: jobs to follow, earlier uploads, and refusals. */
export interface Batch {
  jobIds: string[];
  duplicates: Array<PageRef & { earlier: HistoryEntry }>;
  /** `needsOrigin`: the site (a match pattern) whose permission would let the extension read it. */
  refused: Array<PageRef & { message: string; needsOrigin?: string }>;
}

interface PageBatchProps {
  batch: Batch;
  jobs: Record<string, JobSummary>;
  onInsist: () => void;
  /** Asks for a site's permission (during the click) and sends its images again. */
  onAllow: (origin: string) => void;
  disabled?: boolean;
}

/** The batch's progress bar, following the queue, then what did not go through and why. */
export function PageBatch({ batch, jobs, onInsist, onAllow, disabled }: PageBatchProps) {
  const known = batch.jobIds.map((id) => jobs[id]).filter((j): j is JobSummary => j !== undefined);
  const done = known.filter((j) => j.state === 'done').length;
  const failed = known.filter((j) => j.state === 'failed');
  const cancelled = known.filter((j) => j.state === 'cancelled').length;
  const total = batch.jobIds.length;
  const origins = [...new Set(batch.refused.map((r) => r.needsOrigin).filter((o): o is string => Boolean(o)))];
  return (
    <div class="batch">
      {total > 0 && (
        <div class="field">
          <label for="page-progress">
            {failed.length ? t('popup_batchProgressFailed', done, total, failed.length) : t('popup_batchProgress', done, total)}
          </label>
          <progress id="page-progress" max={total} value={done + failed.length + cancelled} />
        </div>
      )}
      {failed.length > 0 && (
        <ul class="problems">
          {failed.map((j) => {
            const name = fileNameOf(j.source.srcUrl ?? '');
            return <li key={j.id} class="error">{j.error ? t('popup_itemProblem', name, j.error.message) : t('popup_itemFailed', name)}</li>;
          })}
          <li class="hint">{t('popup_retryFromHistory')}</li>
        </ul>
      )}
      {batch.refused.length > 0 && (
        <ul class="problems">
          {batch.refused.map((r) => <li key={r.src} class="error">{t('popup_itemProblem', fileNameOf(r.src), r.message)}</li>)}
        </ul>
      )}
      {origins.length > 0 && (
        <div class="actions tight">
          {origins.map((o) => (
            <button key={o} type="button" class="small" disabled={disabled} onClick={() => onAllow(o)}>
              {t('popup_allowSiteAndRetry', o.replace(/\/\*$/, ''))}
            </button>
          ))}
        </div>
      )}
      {batch.duplicates.length > 0 && (
        <div class="duplicate">
          <p class="notice">
            {tCount('popup_duplicatesBefore', batch.duplicates.length, batch.duplicates.map((d) => fileNameOf(d.src)).join(', '))}
          </p>
          <div class="actions tight">
            <button type="button" class="small" disabled={disabled} onClick={onInsist}>{t('popup_uploadAgain')}</button>
          </div>
        </div>
      )}
    </div>
  );
}
