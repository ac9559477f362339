import { t } from '../../i18n/t';

/**
 * The output formats an upload can be converted to, as <option>s; shared by popup and options.
 * Format names are the same in every language; only "Keep" is a word to translate.
 */
export const OUTPUT_FORMATS = [
  { value: 'keep', name: null },
  { value: 'png', name: 'PNG' },
  { value: 'jpeg', name: 'JPEG' },
  { value: 'webp', name: 'WebP' },
] as const;

/** The <option>s for a format <select>. */
export function FormatOptions() {
  return (
    <>
      {OUTPUT_FORMATS.map((f) => (
        <option key={f.value} value={f.value}>
          {f.name ?? t('popup_formatKeep')}
        </option>
      ))}
    </>
  );
}
