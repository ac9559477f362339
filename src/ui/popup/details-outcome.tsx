import { altFor } from '../../history/copy-formats';
import type { HistoryEntry } from '../../history/types';
import { t } from '../../i18n/t';
import type { TabUploadResult } from '../../messaging/protocol';
import type { JobSummary, QueuePause } from '../../queue/types';
import { Message } from '../components/message';
import { CopyButtons } from './copy-buttons';
import { formatTime } from './format';
import { UploadProgress } from './upload-progress';

/** Where the details window's upload is. */
export type DetailsOutcome =
  | { step: 'ready' }
  | { step: 'sending' }
  | { step: 'queued'; jobId: string }
  | { step: 'duplicate'; earlier: HistoryEntry }
  /** `needsOrigin`: the site (a match pattern) whose permission would let the extension read the image. */
  | { step: 'refused'; message: string; needsOrigin?: string };

/** The outcome of one tab upload result. */
export function outcomeOf(result: TabUploadResult): DetailsOutcome {
  if (result.status === 'queued') return { step: 'queued', jobId: result.job.id };
  if (result.status === 'duplicate') return { step: 'duplicate', earlier: result.earlier };
  return { step: 'refused', message: result.error.message, ...(result.needsOrigin ? { needsOrigin: result.needsOrigin } : {}) };
}

/** A site pattern as people read it: "https://cdn.example" from "https://cdn.example/*". */
export const siteOf = (pattern: string) => pattern.replace(/\/\*$/, '');

interface DetailsOutcomeProps {
  outcome: DetailsOutcome;
  job: JobSummary | undefined;
  pause: QueuePause | null;
  name: string;
  disabled: boolean;
  /** Sends the image again with `insist: true`. */
  onInsist: () => void;
  /** Asks for the site's permission (inside the click) and sends the image again. */
  onAllow: (origin: string) => void;
}

/** After "Upload": progress then key and copy buttons, the earlier identical upload, or why it was refused. */
export function DetailsOutcomeView({ outcome, job, pause, name, disabled, onInsist, onAllow }: DetailsOutcomeProps) {
  switch (outcome.step) {
    case 'ready':
    case 'sending':
      return null;
    case 'queued':
      return job ? <UploadProgress job={job} pause={pause} name={name} /> : <p class="hint" role="status">{t('popup_waitingInQueue')}</p>;
    case 'duplicate': {
      const { earlier } = outcome;
      return (
        <div class="duplicate">
          <p class="notice">
            <Message id="popup_duplicateNotice" args={[formatTime(earlier.createdAt, true), <code>{earlier.key}</code>]} />
          </p>
          <CopyButtons source={{ key: earlier.key, url: earlier.url, alt: altFor(earlier) }} label={t('popup_copyEarlierUpload')} />
          <div class="actions tight">
            <button type="button" class="small" disabled={disabled} onClick={onInsist}>{t('popup_uploadAgain')}</button>
          </div>
        </div>
      );
    }
    case 'refused':
      return (
        <div class="refused">
          <p class="error" role="alert">{outcome.message}</p>
          {outcome.needsOrigin && (
            <div class="actions tight">
              <button type="button" class="small" disabled={disabled} onClick={() => onAllow(outcome.needsOrigin!)}>
                {t('popup_allowSiteAndRetry', siteOf(outcome.needsOrigin))}
              </button>
            </div>
          )}
        </div>
      );
  }
}
