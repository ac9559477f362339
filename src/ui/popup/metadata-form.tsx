import { t } from '../../i18n/t';
import { Field } from '../components/field';
import type { ImageType } from '../../glean/types';
import { TYPE_HINTS, TYPE_OPTIONS, type MetadataDraft, type MetadataErrors } from './metadata';

interface MetadataFormProps {
  /** Prefix for element ids, so two forms can live in the popup at once. */
  idPrefix: string;
  value: MetadataDraft;
  onChange: (next: MetadataDraft) => void;
  errors?: MetadataErrors;
  /** Show "Act as (e-mail)": only with a global token. */
  showActAs: boolean;
  disabled?: boolean;
}

/** Type, ID, Datasource, Content ID (and Act as): the metadata of an upload or a lookup. */
export function MetadataForm({ idPrefix, value, onChange, errors = {}, showActAs, disabled }: MetadataFormProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = (patch: Partial<MetadataDraft>) => onChange({ ...value, ...patch });
  const text = (name: 'id' | 'ds' | 'cid', label: string, placeholder: string) => (
    <Field id={id(name)} label={label} error={errors[name]}>
      {(describedBy, invalid) => (
        <input id={id(name)} type="text" autocomplete="off" spellcheck={false} value={value[name]} placeholder={placeholder}
          aria-describedby={describedBy} aria-invalid={invalid} disabled={disabled}
          onInput={(e) => set({ [name]: e.currentTarget.value })} />
      )}
    </Field>
  );
  return (
    <div class="metadata">
      <Field id={id('type')} label={t('popup_type')} hint={t(TYPE_HINTS[value.type])}>
        {(describedBy) => (
          <select id={id('type')} value={value.type} aria-describedby={describedBy} disabled={disabled}
            onChange={(e) => set({ type: e.currentTarget.value as ImageType })}>
            {TYPE_OPTIONS.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        )}
      </Field>
      <div class="field-row">
        {text('id', t('popup_fieldId'), value.type === 'USER' ? t('popup_userIdPlaceholder') : value.type === 'ICON' ? t('popup_doctypePlaceholder') : '')}
        {text('ds', t('popup_datasource'), '')}
        {text('cid', t('popup_contentId'), '')}
      </div>
      {showActAs && (
        <Field id={id('actAs')} label={t('popup_actAs')} error={errors.actAs} hint={t('popup_actAsHint')}>
          {(describedBy, invalid) => (
            <input id={id('actAs')} type="email" autocomplete="email" value={value.actAs} aria-describedby={describedBy}
              aria-invalid={invalid} disabled={disabled} onInput={(e) => set({ actAs: e.currentTarget.value })} />
          )}
        </Field>
      )}
    </div>
  );
}
