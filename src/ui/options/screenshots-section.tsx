import { useEffect, useState } from 'preact/hooks';
import { IMAGE_TYPES, type ImageType } from '../../glean/types';
import { t } from '../../i18n/t';
import { OUTPUT_FORMATS } from '../components/format-options';
import { MessageError, send } from '../../messaging/send';
import type { ShotFormat } from '../../screenshots/compose';
import type { AutoCopy, ScreenshotPreferences } from '../../screenshots/preferences';
import { StatusLine, type Status } from '../components/status-line';

/** A screenshot is always encoded anew: every format but "keep". */
const SHOT_FORMATS = OUTPUT_FORMATS.filter((f) => f.value !== 'keep');

const messageOf = (e: unknown) => (e instanceof MessageError ? e.info.message : e instanceof Error ? e.message : String(e));

/** The options page's "Screenshots" section: the type, the editor or upload at once, clipboard, format. */
export function ScreenshotsSection() {
  const [prefs, setPrefs] = useState<ScreenshotPreferences | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    send('screenshot.preferences.get', null).then(setPrefs, (e: unknown) => setStatus({ tone: 'error', text: messageOf(e) }));
  }, []);
  const set = (patch: Partial<ScreenshotPreferences>) => prefs && setPrefs({ ...prefs, ...patch });

  async function save(e: Event) {
    e.preventDefault();
    if (!prefs) return;
    setBusy(true);
    try {
      setPrefs(await send('screenshot.preferences.save', prefs));
      setStatus({ tone: 'ok', text: t('options_saved') });
    } catch (err) {
      setStatus({ tone: 'error', text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screenshots-section" aria-labelledby="screenshots-title">
      <h2 id="screenshots-title">{t('options_shotsTitle')}</h2>
      <p class="hint">{t('options_shotsHint')}</p>
      {prefs && (
        <form onSubmit={save} noValidate>
          <div class="field-row two">
            <div class="field">
              <label for="shots-type">{t('options_shotsType')}</label>
              <select id="shots-type" value={prefs.type} disabled={busy} onChange={(e) => set({ type: e.currentTarget.value as ImageType })}>
                {IMAGE_TYPES.filter((type) => type !== 'USER').map((type) => <option key={type} value={type}>{type}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="shots-copy">{t('options_shotsAutoCopy')}</label>
              <select id="shots-copy" value={prefs.autoCopy} disabled={busy} onChange={(e) => set({ autoCopy: e.currentTarget.value as AutoCopy })}>
                <option value="none">{t('options_shotsCopyNothing')}</option>
                <option value="url">{t('options_shotsCopyUrl')}</option>
                <option value="markdown">{t('options_shotsCopyMarkdown')}</option>
              </select>
            </div>
            <div class="field">
              <label for="shots-format">{t('options_formatLabel')}</label>
              <select id="shots-format" value={prefs.format} disabled={busy} onChange={(e) => set({ format: e.currentTarget.value as ShotFormat })}>
                {SHOT_FORMATS.map((f) => <option key={f.value} value={f.value}>{f.name}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="shots-quality">{t('options_qualityLabel')}</label>
              <input id="shots-quality" type="number" min={10} max={100} step={1} value={Math.round(prefs.quality * 100)} disabled={busy || prefs.format === 'png'}
                onChange={(e) => set({ quality: Math.min(100, Math.max(10, Number(e.currentTarget.value) || 90)) / 100 })} />
            </div>
          </div>
          <div class="field checkbox">
            <label><input id="shots-at-once" type="checkbox" checked={prefs.uploadAtOnce} disabled={busy} onChange={(e) => set({ uploadAtOnce: e.currentTarget.checked })} /> {t('options_shotsAtOnce')}</label>
          </div>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>{t('options_shotsSave')}</button>
          </div>
        </form>
      )}
      <StatusLine status={status} busy={busy} />
    </section>
  );
}
