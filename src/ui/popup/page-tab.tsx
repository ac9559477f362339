import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, tCount } from '../../i18n/t';
import { send } from '../../messaging/send';
import type { PageImage } from '../../page-images/types';
import type { PublicSettings } from '../../settings/types';
import { StatusLine } from '../components/status-line';
import { messageOf } from './format';
import { MetadataForm } from './metadata-form';
import { GleanImageReport } from './glean-image-report';
import { PageBatch, type PageRef } from './page-batch';
import { PageImageList } from './page-image-list';
import { hideSmall, mergeDuplicates } from './page-images';
import { ProcessingForm } from './processing-form';
import { usePageUpload } from './use-page-upload';
import { useUploadForm } from './use-upload-form';

type Found = { step: 'loading' } | { step: 'error'; text: string } | { step: 'ready'; tabId: number; images: PageImage[] };

/** Asks the background for the active tab's images. */
async function findImages(): Promise<Found> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { step: 'error', text: t('popup_pageUnreadable') };
  try {
    return { step: 'ready', tabId: tab.id, images: mergeDuplicates(await send('tab.images', { tabId: tab.id })) };
  } catch {
    return { step: 'error', text: t('popup_pageUnreadable') };
  }
}

const refs = (list: PageRef[]): PageRef[] => list.map(({ src, frameId }) => ({ src, frameId }));

/** The This page tab: the page's images, filtered and chosen, uploaded with one form. */
export function PageTab({ settings }: { settings: PublicSettings }) {
  const [found, setFound] = useState<Found>({ step: 'loading' });
  const [minSize, setMinSize] = useState(32);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { batch, jobs, busy, status, setStatus, upload, unsent, retryUnsent } = usePageUpload(found.step === 'ready' ? found.tabId : null);
  const form = useUploadForm(settings, { idPrefix: 'page', onInvalid: () => setStatus({ tone: 'error', text: t('popup_correctFields') }) });

  useEffect(() => void findImages().then(setFound, (e: unknown) => setFound({ step: 'error', text: messageOf(e) })), []);

  const all = found.step === 'ready' ? found.images : [];
  const shown = useMemo(() => hideSmall(all, minSize), [all, minSize]);
  const chosen = shown.filter((i) => selected.has(i.src));

  const submit = (images: PageRef[], insist: boolean, again: boolean) => {
    const options = form.checkedOptions(insist);
    if (!options) return;
    if (!images.length) return setStatus({ tone: 'error', text: t('popup_selectAtLeastOne') });
    void upload(images, options, again);
  };

  const onAllow = (origin: string) => {
    // Asked first, inside the click: browsers grant permissions only during a user gesture.
    const asked = browser.permissions.request({ origins: [origin] }).catch(() => false);
    void asked.then((granted) => {
      if (!granted) return setStatus({ tone: 'error', text: t('popup_siteReadRefused', origin.replace(/\/\*$/, '')) });
      submit(refs(batch.refused.filter((r) => r.needsOrigin === origin)), false, true);
    });
  };

  if (found.step === 'loading') return <p class="hint" role="status">{t('popup_lookingForImages')}</p>;
  if (found.step === 'error') return <p class="notice" role="alert">{found.text}</p>;

  return (
    <form class="page-tab" noValidate onSubmit={(e) => { e.preventDefault(); submit(refs(chosen), false, false); }}>
      <GleanImageReport tabId={found.tabId} />
      <div class="field inline-field">
        <label for="page-min">{t('popup_hideSmaller')}</label>
        <select id="page-min" value={String(minSize)} onChange={(e) => setMinSize(Number(e.currentTarget.value))}>
          {[0, 32, 64, 128].map((n) => <option key={n} value={String(n)}>{n ? `${n} px` : t('popup_showAll')}</option>)}
        </select>
      </div>
      {all.length === 0 ? (
        <p class="hint">{t('popup_noImagesOnPage')}</p>
      ) : shown.length === 0 ? (
        <p class="hint">{tCount('popup_allImagesSmaller', all.length, minSize)}</p>
      ) : (
        <PageImageList images={shown} selected={selected} disabled={busy}
          onToggle={(src, on) => setSelected((s) => { const n = new Set(s); if (on) n.add(src); else n.delete(src); return n; })}
          onAll={(on) => setSelected(on ? new Set(shown.map((i) => i.src)) : new Set())} />
      )}
      {shown.length > 0 && (
        <>
          <MetadataForm {...form.metadataProps} disabled={busy} />
          <ProcessingForm {...form.processingProps} disabled={busy} />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>{t('popup_uploadSelected', chosen.length)}</button>
          </div>
          <StatusLine status={status} busy={busy} />
          {unsent && !busy && (
            <div class="actions tight">
              <button type="button" class="small" onClick={() => void retryUnsent()}>{t('common_retry')}</button>
            </div>
          )}
          <PageBatch batch={batch} jobs={jobs} disabled={busy} onAllow={onAllow}
            onInsist={() => submit(refs(batch.duplicates), true, true)} />
        </>
      )}
    </form>
  );
}
