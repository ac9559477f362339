import { useState } from 'preact/hooks';
import { t, tCount } from '../../i18n/t';
import { MessageError, send } from '../../messaging/send';
import type { UploadOptions } from '../../messaging/protocol';
import type { PublicSettings } from '../../settings/types';
import { StatusLine, type Status } from '../components/status-line';
import { FilePicker } from './file-picker';
import { messageOf } from './format';
import { MetadataForm } from './metadata-form';
import { pickFiles } from './picked-file';
import { ProcessingForm } from './processing-form';
import { convertSvg } from './svg-support';
import { UploadItemRow, type Outcome, type UploadItem } from './upload-item';
import { useJobs } from './use-queue-events';
import { useUploadForm } from './use-upload-form';

/**
 * Bytes to send: an SVG drawn to PNG here, anything else the file itself, which goes as a handle
 * (cloning a Blob copies no bytes; an ArrayBuffer cost the popup's main thread 16 ms a megabyte).
 */
async function bytesOf(item: UploadItem): Promise<Blob> {
  return item.picked.svg ? convertSvg(item.picked.file) : item.picked.file;
}

/** The Upload tab: pick, drop or paste files, describe them, upload, and follow each one. */
export function UploadTab({ settings, active }: { settings: PublicSettings; active: boolean }) {
  const [items, setItems] = useState<UploadItem[]>([]);
  const [status, setStatus] = useState<Status | null>(null);
  const form = useUploadForm(settings, { idPrefix: 'up', onInvalid: () => setStatus({ tone: 'error', text: t('popup_correctFields') }) });
  const [busy, setBusy] = useState(false);
  const { jobs, pause, remember } = useJobs();

  const setOutcome = (key: string, outcome: Outcome) =>
    setItems((list) => list.map((it) => (it.picked.key === key ? { ...it, outcome } : it)));

  async function onFiles(files: File[]) {
    const picked = await pickFiles(files);
    setItems(picked.map((p) => ({ picked: p, outcome: { step: 'ready' }, handoverId: crypto.randomUUID() })));
    setStatus(null);
  }

  async function sendOne(item: UploadItem, options: UploadOptions): Promise<boolean> {
    setOutcome(item.picked.key, { step: 'sending' });
    try {
      const bytes = await bytesOf(item);
      // "Upload again" asks for a new upload; anything else sent again is the same hand-over.
      const handoverId = options.insist ? crypto.randomUUID() : item.handoverId;
      const result = await send('upload.enqueue', { ...options, handoverId, bytes, source: { fileName: item.picked.name } });
      if (result.status === 'queued') {
        remember(result.job);
        setOutcome(item.picked.key, { step: 'queued', jobId: result.job.id });
      } else {
        setOutcome(item.picked.key, { step: 'duplicate', earlier: result.earlier });
      }
      return true;
    } catch (e) {
      const unanswered = e instanceof MessageError && e.info.kind === 'unavailable';
      setOutcome(item.picked.key, { step: 'error', message: messageOf(e), ...(unanswered ? { unanswered } : {}) });
      return false;
    }
  }

  async function onUpload(event: Event) {
    event.preventDefault();
    const todo = items.filter((it) => !it.picked.refusal && (it.outcome.step === 'ready' || it.outcome.step === 'error'));
    if (!todo.length) {
      setStatus({ tone: 'error', text: items.length ? t('popup_nothingLeft') : t('popup_chooseFirst') });
      return;
    }
    const options = form.checkedOptions();
    if (!options) return;
    setBusy(true);
    setStatus({ tone: 'info', text: tCount('popup_sendingImages', todo.length) });
    // All at once: every file is on its way to the background within moments of the click, so
    // closing the popup then drops nothing (the background reads and checks them, a few at a time).
    // Each goes as a handle to its bytes, so however many gigabytes are chosen, none are copied here.
    const sent = (await Promise.all(todo.map((item) => sendOne(item, options)))).filter(Boolean).length;
    setBusy(false);
    setStatus(sent === todo.length
      ? { tone: 'ok', text: tCount('popup_sent', sent) }
      : { tone: 'error', text: tCount('popup_notSent', todo.length - sent, todo.length) });
  }

  async function onInsist(item: UploadItem) {
    const options = form.checkedOptions();
    if (options) await sendOne(item, { ...options, insist: true });
  }

  async function onRetry(item: UploadItem) {
    const options = form.checkedOptions();
    if (options) await sendOne(item, options);
  }

  return (
    <form class="upload-tab" onSubmit={onUpload} noValidate>
      <FilePicker onFiles={(files) => void onFiles(files)} active={active} disabled={busy}>
        <ul class="items" aria-label={t('popup_chosenImages')}>
          {items.length === 0 && <li class="empty hint">{t('popup_noImageChosen')}</li>}
          {items.map((item) => (
            <UploadItemRow key={item.picked.key} item={item} pause={pause ?? null}
              job={item.outcome.step === 'queued' ? jobs[item.outcome.jobId] : undefined}
              onInsist={() => void onInsist(item)} onRetry={() => void onRetry(item)} />
          ))}
        </ul>
      </FilePicker>
      <MetadataForm {...form.metadataProps} disabled={busy} />
      <ProcessingForm {...form.processingProps} disabled={busy} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{t('popup_upload')}</button>
      </div>
      <StatusLine status={status} busy={busy} />
    </form>
  );
}
