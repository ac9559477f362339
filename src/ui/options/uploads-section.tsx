import { FormatOptions } from '../components/format-options';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { IMAGE_TYPES, type ImageType } from '../../glean/types';
import { t } from '../../i18n/t';
import { MessageError, send } from '../../messaging/send';
import type { UploadPreferences } from '../../settings/upload-preferences';
import { Field } from '../components/field';
import { StatusLine, type Status } from '../components/status-line';
import type { PolicyView } from '../../policy/types';
import { isLocked, SetByOrganisation } from './policy-parts';
import { BOUNDS, draftFrom, isLossy, preferencesFrom, type OutputFormat, type UploadsDraft, type UploadsErrors, type UploadsField } from './uploads-draft';

const id = (field: UploadsField) => `uploads-${field}`;
const messageOf = (e: unknown) => (e instanceof MessageError ? e.info.message : e instanceof Error ? e.message : String(e));

/** The options page's "Uploads" section: limits, the right-click defaults and default processing. */
export function UploadsSection({ policy = null }: { policy?: PolicyView | null } = {}) {
  const capLocked = isLocked(policy, 'capBytes');
  const clickLocked = isLocked(policy, 'rightClick');
  const [saved, setSaved] = useState<UploadPreferences | null>(null);
  const [draft, setDraft] = useState<UploadsDraft | null>(null);
  const [errors, setErrors] = useState<UploadsErrors>({});
  const [status, setStatus] = useState<Status | null>(() => ({ tone: 'info', text: t('options_uploadsLoading') }));
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    send('preferences.get', null).then(
      (prefs) => {
        setSaved(prefs);
        setDraft(draftFrom(prefs));
        setStatus(null);
      },
      (e: unknown) => setStatus({ tone: 'error', text: t('options_uploadsReadFailed', messageOf(e)) }),
    );
  }, []);

  const set = (patch: Partial<UploadsDraft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  async function onSave(event: Event) {
    event.preventDefault();
    if (!draft || !saved) return;
    const checked = preferencesFrom(draft, saved);
    if ('errors' in checked) {
      setErrors(checked.errors);
      setStatus({ tone: 'error', text: t('options_uploadsCorrect') });
      document.getElementById(id(Object.keys(checked.errors)[0] as UploadsField))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    setStatus({ tone: 'info', text: t('options_uploadsSaving') });
    try {
      const next = await send('preferences.save', checked.prefs);
      setSaved(next);
      setDraft(draftFrom(next));
      setStatus({ tone: 'ok', text: t('options_uploadsSaved') });
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
        <input id={id(field)} readOnly={clickLocked} type="text" autocomplete="off" spellcheck={false} value={draft?.[field] ?? ''} aria-describedby={describedBy}
          aria-invalid={invalid} disabled={busy} onInput={(e) => set({ [field]: e.currentTarget.value })} />
      )}
    </Field>
  );

  return (
    <section class="uploads-section" aria-labelledby="uploads-title">
      <h2 id="uploads-title">{t('options_uploadsTitle')}</h2>
      {draft && (
        <form onSubmit={onSave} noValidate>
          <div class="field-row two">
            {input('capMb', t('options_capMbLabel'), capLocked ? t('options_policySet') : t('options_capMbHint'), { min: BOUNDS.capMb[0], max: BOUNDS.capMb[1], step: 'any', inputMode: 'decimal', readOnly: capLocked })}
            {input('concurrency', t('options_concurrencyLabel'), t('options_range', BOUNDS.concurrency[0], BOUNDS.concurrency[1]), { min: BOUNDS.concurrency[0], max: BOUNDS.concurrency[1], step: 1 })}
            {input('maxAttempts', t('options_maxAttemptsLabel'), t('options_maxAttemptsHint'), { min: BOUNDS.maxAttempts[0], max: BOUNDS.maxAttempts[1], step: 1 })}
            {input('historyCap', t('options_historyCapLabel'), t('options_historyCapHint'), { min: BOUNDS.historyCap[0], max: BOUNDS.historyCap[1], step: 10 })}
          </div>

          <h3>{t('options_rightClickTitle')}</h3>
          {clickLocked && <SetByOrganisation />}
          <Field id={id('defaultType')} label={t('options_defaultTypeLabel')} hint={t('options_defaultTypeHint')}>
            {(describedBy) => (
              <select id={id('defaultType')} value={draft.defaultType} aria-describedby={describedBy} disabled={busy || clickLocked}
                onChange={(e) => set({ defaultType: e.currentTarget.value as ImageType })}>
                {IMAGE_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
              </select>
            )}
          </Field>
          <div class="field-row">
            {text('id', t('options_idLabel'))}
            {text('ds', t('options_datasourceLabel'))}
            {text('cid', t('options_contentIdLabel'))}
          </div>

          <h3>{t('options_processingTitle')}</h3>
          <p class="hint">{t('options_processingHint')}</p>
          <div class="field-row two">
            {input('maxWidth', t('options_maxWidthLabel'), t('options_sideHint'), { min: BOUNDS.side[0], max: BOUNDS.side[1], step: 1, placeholder: t('options_noLimit') })}
            {input('maxHeight', t('options_maxHeightLabel'), t('options_sideHint'), { min: BOUNDS.side[0], max: BOUNDS.side[1], step: 1, placeholder: t('options_noLimit') })}
            <Field id={id('format')} label={t('options_formatLabel')} hint={t('options_formatHint')}>
              {(describedBy) => (
                <select id={id('format')} value={draft.format} aria-describedby={describedBy} disabled={busy}
                  onChange={(e) => set({ format: e.currentTarget.value as OutputFormat })}>
                  <FormatOptions />
                </select>
              )}
            </Field>
            {input('quality', t('options_qualityLabel'), isLossy(draft.format) ? t('options_qualityHint') : t('options_qualityOnlyLossy'),
              { min: 1, max: 100, step: 1, disabled: busy || !isLossy(draft.format) })}
          </div>

          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>{t('options_saveUploads')}</button>
          </div>
        </form>
      )}
      <StatusLine status={status} busy={busy} />
    </section>
  );
}
