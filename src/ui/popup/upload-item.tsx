import { t } from '../../i18n/t';
import { altFor } from '../../history/copy-formats';
import type { HistoryEntry } from '../../history/types';
import type { JobSummary, QueuePause } from '../../queue/types';
import { Message } from '../components/message';
import { CopyButtons } from './copy-buttons';
import { FilePreview } from './file-preview';
import { formatTime } from './format';
import type { PickedFile } from './picked-file';
import { UploadProgress } from './upload-progress';

/** Where one chosen file is on its way. */
export type Outcome =
  | { step: 'ready' }
  | { step: 'sending' }
  | { step: 'queued'; jobId: string }
  | { step: 'duplicate'; earlier: HistoryEntry }
  /** `unanswered`: the background never answered, even after its tries; Retry hands it over again. */
  | { step: 'error'; message: string; unanswered?: boolean };

export interface UploadItem {
  picked: PickedFile;
  outcome: Outcome;
  /** Names this file's hand-over, so a hand-over sent again is the same upload (see protocol.ts). */
  handoverId: string;
}

interface UploadItemRowProps {
  item: UploadItem;
  job: JobSummary | undefined;
  pause: QueuePause | null;
  /** Sends this file again with `insist: true`. */
  onInsist: () => void;
  /** Hands this file over again after the background did not answer. */
  onRetry: () => void;
}

/** A chosen file with its preview and, once sent, its progress, duplicate notice or error. */
export function UploadItemRow({ item, job, pause, onInsist, onRetry }: UploadItemRowProps) {
  const { picked, outcome } = item;
  return (
    <FilePreview picked={picked}>
      {picked.svg && <p class="hint">{t('popup_svgNote')}</p>}
      {outcome.step === 'sending' && <p class="hint" role="status">{t('popup_sendingToQueue')}</p>}
      {outcome.step === 'error' && <p class="error" role="alert">{outcome.unanswered ? t('popup_notHandedOver', outcome.message) : outcome.message}</p>}
      {outcome.step === 'error' && outcome.unanswered && (
        <div class="actions tight">
          <button type="button" class="small" onClick={onRetry}>{t('common_retry')}</button>
        </div>
      )}
      {outcome.step === 'queued' &&
        (job ? <UploadProgress job={job} pause={pause} name={picked.name} /> : <p class="hint" role="status">{t('popup_waitingInQueue')}</p>)}
      {outcome.step === 'duplicate' && <Duplicate earlier={outcome.earlier} onInsist={onInsist} />}
    </FilePreview>
  );
}

/** The earlier identical upload, and the way to send it anyway. */
function Duplicate({ earlier, onInsist }: { earlier: HistoryEntry; onInsist: () => void }) {
  return (
    <div class="duplicate">
      <p class="notice" role="status">
        <Message id="popup_duplicateNotice" args={[formatTime(earlier.createdAt, true), <code>{earlier.key}</code>]} />
      </p>
      <CopyButtons source={{ key: earlier.key, url: earlier.url, alt: altFor(earlier) }} label={t('popup_copyEarlierUpload')} />
      <div class="actions tight">
        <button type="button" class="small" onClick={onInsist}>{t('popup_uploadAgain')}</button>
      </div>
    </div>
  );
}
