import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import type { UploadOptions } from '../../messaging/protocol';
import { MessageError, send } from '../../messaging/send';
import type { PublicSettings } from '../../settings/types';
import type { UploadPreferences } from '../../settings/upload-preferences';
import { StatusLine, type Status } from '../components/status-line';
import { DetailsImage, pictureName } from './details-image';
import { DetailsOutcomeView, outcomeOf, siteOf, type DetailsOutcome } from './details-outcome';
import { messageOf } from './format';
import { initialMetadata, type MetadataDraft } from './metadata';
import { MetadataForm } from './metadata-form';
import { ProcessingDefaults } from './processing-defaults';
import { ProcessingForm } from './processing-form';
import type { DetailsTarget } from './popup-route';
import { useJobs } from './use-queue-events';
import { useUploadForm } from './use-upload-form';

const ID_PREFIX = 'details';

/** The form as the right-click defaults fill it: the default type and metadata, the saved "Act as". */
function prefilled(settings: PublicSettings, prefs: UploadPreferences): MetadataDraft {
  const { id = '', ds = '', cid = '' } = prefs.defaultMetadata;
  return { ...initialMetadata(settings), type: prefs.defaultType, id, ds, cid };
}

/**
 * The "Upload with details…" window: one image from a page, the metadata form prefilled with the
 * right-click defaults, and the upload followed to its key (or the earlier identical upload, or
 * the site to allow when the extension may not read the image).
 */
export function DetailsView({ target, settings }: { target: DetailsTarget; settings: PublicSettings }) {
  const [prefs, setPrefs] = useState<UploadPreferences | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const form = useUploadForm(settings, { idPrefix: ID_PREFIX, onInvalid: () => setStatus({ tone: 'error', text: t('popup_correctFields') }) });
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DetailsOutcome>({ step: 'ready' });
  /** The hand-over the background never answered, if any: Retry sends it again as itself. */
  const [unanswered, setUnanswered] = useState<string | null>(null);
  const { jobs, pause, remember } = useJobs();
  const name = pictureName(target.src);

  useEffect(() => {
    document.title = t('popup_detailsWindowTitle', name);
    send('preferences.get', null)
      .then(
        (p) => {
          setPrefs(p);
          form.prefill(prefilled(settings, p));
        },
        (e: unknown) => setStatus({ tone: 'error', text: t('popup_defaultsUnreadable', messageOf(e)) }),
      )
      .finally(() => setLoaded(true));
  }, []);

  const job = outcome.step === 'queued' ? jobs[outcome.jobId] : undefined;
  const finished = job?.state === 'done' || job?.state === 'failed' || job?.state === 'cancelled';
  const inFlight = outcome.step === 'queued' && !finished;
  // The job's own line says how it ended; "Sent to the upload queue" would only repeat the past.
  useEffect(() => {
    if (finished) setStatus(null);
  }, [finished]);

  async function upload(options: UploadOptions) {
    setBusy(true);
    setOutcome({ step: 'sending' });
    setStatus({ tone: 'info', text: t('popup_sendingImage') });
    // The same hand-over until it was answered: sent again (Retry), it cannot become two uploads.
    const handoverId = !options.insist && unanswered ? unanswered : crypto.randomUUID();
    setUnanswered(null);
    try {
      const [result] = await send('upload.enqueueFromTab', { ...options, handoverId, tabId: target.tabId, images: [{ src: target.src, frameId: target.frameId }] });
      if (!result) throw new Error(t('popup_noResult'));
      if (result.status === 'queued') remember(result.job);
      setOutcome(outcomeOf(result));
      setStatus(result.status === 'queued' ? { tone: 'ok', text: t('popup_sentToQueue') } : null);
    } catch (e) {
      setOutcome({ step: 'ready' });
      const lost = e instanceof MessageError && e.info.kind === 'unavailable';
      if (lost) setUnanswered(handoverId);
      setStatus({ tone: 'error', text: lost ? t('popup_notHandedOver', messageOf(e)) : messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  const submit = (insist: boolean) => {
    const options = form.checkedOptions(insist);
    if (options) void upload(options);
  };

  const onAllow = (origin: string) => {
    // Asked first, inside the click: browsers grant permissions only during a user gesture.
    const asked = browser.permissions.request({ origins: [origin] }).catch(() => false);
    void asked.then((granted) =>
      granted ? submit(false) : setStatus({ tone: 'error', text: t('popup_siteReadRefused', siteOf(origin)) }),
    );
  };

  return (
    <section class="details-view" aria-labelledby="details-title">
      <h2 id="details-title">{t('popup_uploadWithDetails')}</h2>
      <DetailsImage src={target.src} pageUrl={target.pageUrl} />
      {!loaded ? (
        <p class="hint" role="status">{t('popup_loadingDefaults')}</p>
      ) : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); submit(false); }}>
          <MetadataForm {...form.metadataProps} disabled={busy || inFlight} />
          <ProcessingDefaults.Provider value={prefs?.processing ?? null}>
            <ProcessingForm {...form.processingProps} disabled={busy || inFlight} />
          </ProcessingDefaults.Provider>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || inFlight}>{unanswered ? t('common_retry') : t('popup_upload')}</button>
            <button type="button" onClick={() => window.close()}>{t('common_close')}</button>
          </div>
          <StatusLine status={status} busy={busy} />
          <DetailsOutcomeView outcome={outcome} job={job} pause={pause ?? null} name={name} disabled={busy}
            onInsist={() => submit(true)} onAllow={onAllow} />
        </form>
      )}
    </section>
  );
}
