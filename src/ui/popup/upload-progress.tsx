import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { altFor } from '../../history/copy-formats';
import { sentAgainNote } from '../../history/sent-again';
import { send } from '../../messaging/send';
import type { JobSummary, QueuePause } from '../../queue/types';
import { Message } from '../components/message';
import { CopyButtons } from './copy-buttons';
import { messageOf } from './format';
import { jobStateText, needsSettings } from './job-words';
import { openSettings } from './open-settings';
import { ServedImage } from './served-image';

/** How far a job is, for <progress>: undefined while uploading (indeterminate; keyed by state, as
 * Preact would otherwise turn a removed value into 0). */
function progressValue(job: JobSummary): number | undefined {
  if (job.state === 'uploading') return undefined;
  return job.state === 'done' ? 1 : 0;
}

/** One upload's progress, then its result: key, copy formats and the image as Glean serves it. */
export function UploadProgress({ job, pause, name }: { job: JobSummary; pause: QueuePause | null; name: string }) {
  const [retryError, setRetryError] = useState('');
  const key = job.result?.key ?? '';
  const tone = job.state === 'failed' ? 'error' : job.state === 'done' ? 'ok' : 'hint';

  return (
    <div class="upload-progress" data-state={job.state}>
      {job.state !== 'done' && job.state !== 'failed' && job.state !== 'cancelled' && (
        <progress key={job.state} max={1} value={progressValue(job)} aria-label={t('popup_uploadOf', name)} />
      )}
      <p class={`job-state ${tone}`} role="status">{jobStateText(job, pause)}</p>
      {job.state === 'failed' && (
        <div class="actions tight">
          <button type="button" class="small"
            onClick={() => send('upload.retry', { id: job.id }).then(() => setRetryError(''), (e: unknown) => setRetryError(messageOf(e)))}>
            {t('common_retry')}
          </button>
        </div>
      )}
      {retryError && <p class="error">{retryError}</p>}
      {needsSettings(job, pause) && (
        <div class="actions tight">
          <button type="button" class="small" onClick={openSettings}>{t('common_openSettings')}</button>
        </div>
      )}
      {job.state === 'done' && job.result && (
        <>
          <p class="result-key">
            <Message id="popup_resultKey" args={[<code>{key || t('popup_noKeyGiven')}</code>]} />
          </p>
          <CopyButtons source={{ key, url: job.result.url, alt: altFor({ fileName: job.source.fileName, metadata: job.metadata }) }} label={t('popup_copyNamed', name)} />
          {key && <ServedImage imageKey={key} name={name} />}
        </>
      )}
      {job.state === 'done' && job.resent && <p class="hint sent-again">{sentAgainNote(job.metadata.type)}</p>}
      {job.notes.length > 0 && <p class="hint">{job.notes.join(' ')}</p>}
    </div>
  );
}
