import { altFor } from '../../history/copy-formats';
import type { HistoryEntry } from '../../history/types';
import type { JobSummary, QueuePause } from '../../queue/types';
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
  | { step: 'error'; message: string };

export interface UploadItem {
  picked: PickedFile;
  outcome: Outcome;
}

interface UploadItemRowProps {
  item: UploadItem;
  job: JobSummary | undefined;
  pause: QueuePause | null;
  /** Sends this file again with `insist: true`. */
  onInsist: () => void;
}

/** A chosen file with its preview and, once sent, its progress, duplicate notice or error. */
export function UploadItemRow({ item, job, pause, onInsist }: UploadItemRowProps) {
  const { picked, outcome } = item;
  return (
    <FilePreview picked={picked}>
      {picked.svg && <p class="hint">An SVG drawing: it will be converted to PNG for the upload (Glean does not take SVG).</p>}
      {outcome.step === 'sending' && <p class="hint" role="status">Sending to the upload queue…</p>}
      {outcome.step === 'error' && <p class="error" role="alert">{outcome.message}</p>}
      {outcome.step === 'queued' &&
        (job ? <UploadProgress job={job} pause={pause} name={picked.name} /> : <p class="hint" role="status">Waiting in the queue.</p>)}
      {outcome.step === 'duplicate' && <Duplicate earlier={outcome.earlier} onInsist={onInsist} />}
    </FilePreview>
  );
}

/** The earlier identical upload, and the way to send it anyway. */
function Duplicate({ earlier, onInsist }: { earlier: HistoryEntry; onInsist: () => void }) {
  return (
    <div class="duplicate">
      <p class="notice" role="status">
        Already uploaded with the same details on {formatTime(earlier.createdAt, true)}. Key: <code>{earlier.key}</code>
      </p>
      <CopyButtons source={{ key: earlier.key, url: earlier.url, alt: altFor(earlier) }} label="Copy the earlier upload" />
      <div class="actions tight">
        <button type="button" class="small" onClick={onInsist}>Upload again anyway</button>
      </div>
    </div>
  );
}
