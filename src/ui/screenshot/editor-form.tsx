import { useEffect, useRef, useState } from 'preact/hooks';
import { altFor, formatCopy } from '../../history/copy-formats';
import { t } from '../../i18n/t';
import { OUTPUT_FORMATS } from '../components/format-options';
import type { CaptureView } from '../../messaging/protocol';
import { send } from '../../messaging/send';
import { compose, type Redaction, type ShotFormat } from '../../screenshots/compose';
import type { Rect } from '../../screenshots/geometry';
import type { ScreenshotPreferences } from '../../screenshots/preferences';
import type { PublicSettings } from '../../settings/types';
import { StatusLine, type Status } from '../components/status-line';
import { copyImage } from '../popup/copy-image';
import { messageOf } from '../popup/format';
import { checkMetadata, initialMetadata, uploadOptionsFrom, type MetadataDraft, type MetadataErrors } from '../popup/metadata';
import { MetadataForm } from '../popup/metadata-form';
import { UploadProgress } from '../popup/upload-progress';
import { useJobs } from '../popup/use-queue-events';
import { shotFileName } from '../../screenshots/shot-name';

/** A screenshot is always encoded anew: every format but "keep". */
const SHOT_FORMATS = OUTPUT_FORMATS.filter((f) => f.value !== 'keep');

interface FormProps {
  bitmap: ImageBitmap;
  crop: Rect;
  boxes: readonly Redaction[];
  capture: CaptureView;
  settings: PublicSettings;
  prefs: ScreenshotPreferences;
}

/** Format, metadata (the screenshot type preselected), Upload and Copy image; then the job's progress and key. */
export function EditorForm({ bitmap, crop, boxes, capture, settings, prefs }: FormProps) {
  const global = settings.tokenType === 'global';
  const [metadata, setMetadata] = useState<MetadataDraft>(() => ({ ...initialMetadata(settings), type: prefs.type }));
  const [errors, setErrors] = useState<MetadataErrors>({});
  const [format, setFormat] = useState<ShotFormat>(prefs.format);
  const [quality, setQuality] = useState(Math.round(prefs.quality * 100));
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const copied = useRef(false);
  const { jobs, pause, remember } = useJobs();
  const job = jobId ? jobs[jobId] : undefined;
  // Named once, at the time the window opened; the extension follows the format chosen.
  const [taken] = useState(() => new Date());
  const name = shotFileName(capture.pageUrl, format, taken);

  const picture = () => compose(bitmap, { crop, redactions: boxes, format, quality: quality / 100 });

  // "Put the link on the clipboard": once, when the upload is done, while this window has focus.
  useEffect(() => {
    if (job?.state !== 'done' || !job.result || prefs.autoCopy === 'none' || copied.current) return;
    copied.current = true;
    const source = { key: job.result.key ?? '', url: job.result.url, alt: altFor({ fileName: job.source.fileName, metadata: job.metadata }) };
    navigator.clipboard.writeText(formatCopy(prefs.autoCopy, source)).then(
      () => setStatus({ tone: 'ok', text: prefs.autoCopy === 'url' ? t('history_urlCopied') : t('history_markdownCopied') }),
      () => setStatus({ tone: 'error', text: t('popup_copyRefused') }),
    );
  }, [job?.state]);

  async function upload() {
    const problems = checkMetadata(metadata, global);
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      setStatus({ tone: 'error', text: t('popup_correctFields') });
      document.getElementById(`shot-${first}`)?.focus();
      return;
    }
    setBusy(true);
    setStatus({ tone: 'info', text: t('popup_sendingImage') });
    try {
      const bytes = await (await picture()).arrayBuffer();
      const result = await send('screenshot.upload', {
        ...uploadOptionsFrom(metadata, global),
        bytes,
        fileName: name,
        tabId: capture.tabId,
        handoverId: crypto.randomUUID(),
        ...(capture.pageUrl ? { pageUrl: capture.pageUrl } : {}),
      });
      if (result.status === 'queued') {
        remember(result.job);
        setJobId(result.job.id);
        setStatus(null);
      } else {
        setStatus({ tone: 'info', text: t('shot_alreadyUploaded', result.earlier.key) });
      }
    } catch (e) {
      setStatus({ tone: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  const sent = jobId !== null;
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void upload(); }}>
      <div class="field-row">
        <div class="field">
          <label for="shot-format">{t('shot_format')}</label>
          <select id="shot-format" value={format} disabled={busy || sent} onChange={(e) => setFormat(e.currentTarget.value as ShotFormat)}>
            {SHOT_FORMATS.map((f) => <option key={f.value} value={f.value}>{f.name}</option>)}
          </select>
        </div>
        {format !== 'png' && (
          <div class="field">
            <label for="shot-quality">{t('shot_quality')}</label>
            <input id="shot-quality" type="number" min={10} max={100} value={quality} disabled={busy || sent}
              onChange={(e) => setQuality(Math.min(100, Math.max(10, Number(e.currentTarget.value) || 90)))} />
          </div>
        )}
      </div>
      <MetadataForm idPrefix="shot" value={metadata} onChange={(next) => { setMetadata(next); if (Object.keys(errors).length) setErrors(checkMetadata(next, global)); }}
        errors={errors} showActAs={global} disabled={busy || sent} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || sent}>{t('popup_upload')}</button>
        <button type="button" onClick={async () => setStatus((await copyImage(await picture())) ? { tone: 'ok', text: t('popup_imageCopied') } : { tone: 'error', text: t('popup_imageCopyRefused') })}>
          {t('shot_copyImage')}
        </button>
        <button type="button" onClick={() => window.close()}>{t('common_close')}</button>
      </div>
      <StatusLine status={status} busy={busy} />
      {job && <UploadProgress job={job} pause={pause ?? null} name={name} />}
    </form>
  );
}
