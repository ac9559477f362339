import { FormatOptions } from '../components/format-options';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { IMAGE_TYPES, type ImageType } from '../../glean/types';
import { MessageError, send } from '../../messaging/send';
import type { UploadPreferences } from '../../settings/upload-preferences';
import { Field } from '../components/field';
import { StatusLine, type Status } from '../components/status-line';
import { draftFrom, isLossy, preferencesFrom, type OutputFormat, type UploadsDraft, type UploadsErrors, type UploadsField } from './uploads-draft';

const id = (field: UploadsField) => `uploads-${field}`;
const messageOf = (e: unknown) => (e instanceof MessageError ? e.info.message : e instanceof Error ? e.message : String(e));

/** The options page's "Uploads" section: limits, the right-click defaults and default processing. */
export function UploadsSection() {
  const [saved, setSaved] = useState<UploadPreferences | null>(null);
  const [draft, setDraft] = useState<UploadsDraft | null>(null);
  const [errors, setErrors] = useState<UploadsErrors>({});
  const [status, setStatus] = useState<Status | null>({ tone: 'info', text: 'Loading the upload settings…' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    send('preferences.get', null).then(
      (prefs) => {
        setSaved(prefs);
        setDraft(draftFrom(prefs));
        setStatus(null);
      },
      (e: unknown) => setStatus({ tone: 'error', text: `The upload settings could not be read: ${messageOf(e)}` }),
    );
  }, []);

  const set = (patch: Partial<UploadsDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  async function onSave(event: Event) {
    event.preventDefault();
    if (!draft || !saved) return;
    const checked = preferencesFrom(draft, saved);
    if ('errors' in checked) {
      setErrors(checked.errors);
      setStatus({ tone: 'error', text: 'Please correct the upload settings marked below.' });
      document.getElementById(id(Object.keys(checked.errors)[0] as UploadsField))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    setStatus({ tone: 'info', text: 'Saving the upload settings…' });
    try {
      const next = await send('preferences.save', checked.prefs);
      setSaved(next);
      setDraft(draftFrom(next));
      setStatus({ tone: 'ok', text: 'Upload settings saved. New uploads use them.' });
    } catch (e) {
      setStatus({ tone: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  /** A text or number input for one draft field, labelled, with its hint and error. */
  const input = (field: UploadsField, label: string, hint?: ComponentChildren, extra: Record<string, unknown> = {}) => (
    <Field id={id(field)} label={label} hint={hint} error={errors[field]}>
      {(describedBy, invalid) => (
        <input id={id(field)} type="number" inputMode="numeric" value={draft ? String(draft[field]) : ''} aria-describedby={describedBy}
          aria-invalid={invalid} disabled={busy} onInput={(e) => set({ [field]: e.currentTarget.value })} {...extra} />
      )}
    </Field>
  );
  const text = (field: 'id' | 'ds' | 'cid', label: string) => (
    <Field id={id(field)} label={label} error={errors[field]}>
      {(describedBy, invalid) => (
        <input id={id(field)} type="text" autocomplete="off" spellcheck={false} value={draft?.[field] ?? ''} aria-describedby={describedBy}
          aria-invalid={invalid} disabled={busy} onInput={(e) => set({ [field]: e.currentTarget.value })} />
      )}
    </Field>
  );

  return (
    <section class="uploads-section" aria-labelledby="uploads-title">
      <h2 id="uploads-title">Uploads</h2>
      {draft && (
        <form onSubmit={onSave} noValidate>
          <div class="field-row two">
            {input('capMb', 'Largest file (MB)', 'Bigger images are refused before anything is sent.', { min: 1, max: 200, step: 'any', inputMode: 'decimal' })}
            {input('concurrency', 'Uploads at the same time', '1 to 8.', { min: 1, max: 8, step: 1 })}
            {input('maxAttempts', 'Attempts before giving up', 'After network errors, server errors or rate limits.', { min: 1, max: 20, step: 1 })}
            {input('historyCap', 'Uploads kept in history', 'Older entries leave the list; the images stay in Glean.', { min: 10, max: 5000, step: 10 })}
          </div>

          <h3>Right-click "Upload to Glean"</h3>
          <Field id={id('defaultType')} label="Default type for right-click" hint={'What "Upload to Glean" uploads as. "Upload with details…" starts from these values too.'}>
            {(describedBy) => (
              <select id={id('defaultType')} value={draft.defaultType} aria-describedby={describedBy} disabled={busy}
                onChange={(e) => set({ defaultType: e.currentTarget.value as ImageType })}>
                {IMAGE_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
              </select>
            )}
          </Field>
          <div class="field-row">
            {text('id', 'ID')}
            {text('ds', 'Datasource')}
            {text('cid', 'Content ID')}
          </div>

          <h3>Processing</h3>
          <p class="hint">Applied to every upload that does not choose its own processing.</p>
          <div class="field-row two">
            {input('maxWidth', 'Maximum width', 'Pixels; empty for no limit.', { min: 1, max: 20000, step: 1, placeholder: 'No limit' })}
            {input('maxHeight', 'Maximum height', 'Pixels; empty for no limit.', { min: 1, max: 20000, step: 1, placeholder: 'No limit' })}
            <Field id={id('format')} label="Format" hint="Keep sends each image in its own format.">
              {(describedBy) => (
                <select id={id('format')} value={draft.format} aria-describedby={describedBy} disabled={busy}
                  onChange={(e) => set({ format: e.currentTarget.value as OutputFormat })}>
                  <FormatOptions />
                </select>
              )}
            </Field>
            {input('quality', 'Quality', isLossy(draft.format) ? '1 to 100 (percent), for JPEG and WebP.' : 'Only for JPEG and WebP.',
              { min: 1, max: 100, step: 1, disabled: busy || !isLossy(draft.format) })}
          </div>

          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>Save upload settings</button>
          </div>
        </form>
      )}
      <StatusLine status={status} busy={busy} />
    </section>
  );
}
