import { t } from '../../i18n/t';
import type { JobSummary, QueuePause } from '../../queue/types';
import { jobName, jobStateText, needsSettings } from './job-words';
import { openSettings } from './open-settings';

interface JobRowProps {
  job: JobSummary;
  pause: QueuePause | null;
  onRetry: () => void;
  onCancel: () => void;
}

/** One unfinished upload: its name, its state in words, and Retry / Cancel where they apply. */
export function JobRow({ job, pause, onRetry, onCancel }: JobRowProps) {
  const name = jobName(job);
  const canCancel = job.state === 'queued' || job.state === 'paused' || job.state === 'failed';
  return (
    <li class="item job" data-state={job.state}>
      <div class="item-body">
        <p class="item-name" title={name}>{name}</p>
        <p class={job.state === 'failed' ? 'error' : 'hint'}>{jobStateText(job, pause)}</p>
        <div class="actions tight" role="group" aria-label={name}>
          {job.state === 'failed' && <button type="button" class="small" onClick={onRetry}>{t('common_retry')}</button>}
          {canCancel && <button type="button" class="small" onClick={onCancel}>{t('common_cancel')}</button>}
          {needsSettings(job, pause) && <button type="button" class="small" onClick={openSettings}>{t('common_openSettings')}</button>}
        </div>
      </div>
    </li>
  );
}
