import { t } from '../../i18n/t';
import { FormatOptions } from '../components/format-options';
import { Message } from '../components/message';
import { useContext } from 'preact/hooks';
import type { ProcessingOptions } from '../../images/types';
import { describeProcessing, ProcessingDefaults } from './processing-defaults';

/** The processing choices as the form holds them. */
export interface ProcessingDraft {
  /** Longest side in pixels; 0: no limit. */
  maxSize: number;
  format: 'keep' | 'png' | 'jpeg' | 'webp';
  /** 1..100, for JPEG and WebP. */
  quality: number;
  squareCrop: boolean;
}

export const DEFAULT_PROCESSING: ProcessingDraft = { maxSize: 0, format: 'keep', quality: 85, squareCrop: false };

const SIZES = [0, 256, 512, 1024, 2048, 4096];
const lossy = (format: ProcessingDraft['format']) => format === 'jpeg' || format === 'webp';

/** What to send, or undefined when nothing is to be done (the image goes as it is). */
export function processingOptions(draft: ProcessingDraft, squareCropOffered: boolean): ProcessingOptions | undefined {
  const options: ProcessingOptions = {};
  if (draft.maxSize > 0) {
    options.maxWidth = draft.maxSize;
    options.maxHeight = draft.maxSize;
  }
  if (draft.format !== 'keep') options.format = draft.format;
  if (lossy(draft.format)) options.quality = (draft.quality >= 1 ? Math.min(100, Math.round(draft.quality)) : DEFAULT_PROCESSING.quality) / 100;
  if (squareCropOffered && draft.squareCrop) options.squareCrop = true;
  return Object.keys(options).length ? options : undefined;
}

/** One line on what will happen to the image, for the closed summary; `defaults` apply when the form asks for nothing. */
function summary(draft: ProcessingDraft, squareCropOffered: boolean, defaults: ProcessingOptions | null): string {
  const parts = [
    draft.maxSize ? t('popup_atMost', draft.maxSize) : '',
    draft.format === 'keep' ? ''
    : lossy(draft.format) ? t('popup_asFormatQuality', draft.format.toUpperCase(), draft.quality)
    : t('popup_asFormat', draft.format.toUpperCase()),
    squareCropOffered && draft.squareCrop ? t('popup_square') : '',
  ].filter(Boolean);
  if (parts.length) return parts.join(', ');
  return defaults ? t('popup_defaultWith', describeProcessing(defaults)) : t('popup_default');
}

interface ProcessingFormProps {
  idPrefix: string;
  value: ProcessingDraft;
  onChange: (next: ProcessingDraft) => void;
  /** Square crop is offered for profile pictures (USER). */
  squareCropOffered: boolean;
  disabled?: boolean;
}

/** Maximum size, format (with quality) and square crop, folded away until wanted. */
export function ProcessingForm({ idPrefix, value, onChange, squareCropOffered, disabled }: ProcessingFormProps) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = (patch: Partial<ProcessingDraft>) => onChange({ ...value, ...patch });
  const defaults = useContext(ProcessingDefaults);
  return (
    <details class="processing">
      <summary><Message id="popup_processingSummary" args={[<span class="hint">{summary(value, squareCropOffered, defaults)}</span>]} /></summary>
      <div class="field-row">
        <div class="field">
          <label for={id('max')}>{t('popup_maxSize')}</label>
          <select id={id('max')} value={String(value.maxSize)} disabled={disabled} onChange={(e) => set({ maxSize: Number(e.currentTarget.value) })}>
            {SIZES.map((s) => <option key={s} value={String(s)}>{s ? `${s} px` : t('popup_noLimit')}</option>)}
          </select>
        </div>
        <div class="field">
          <label for={id('format')}>{t('popup_format')}</label>
          <select id={id('format')} value={value.format} disabled={disabled}
            onChange={(e) => set({ format: e.currentTarget.value as ProcessingDraft['format'] })}>
            <FormatOptions />
          </select>
        </div>
        <div class="field">
          <label for={id('quality')}>{t('popup_quality')}</label>
          <input id={id('quality')} type="number" min={1} max={100} step={1} value={value.quality}
            disabled={disabled || !lossy(value.format)} onInput={(e) => set({ quality: e.currentTarget.valueAsNumber })} />
        </div>
      </div>
      {squareCropOffered && (
        <label class="check">
          <input type="checkbox" checked={value.squareCrop} disabled={disabled} onChange={(e) => set({ squareCrop: e.currentTarget.checked })} />
          {t('popup_squareCrop')}
        </label>
      )}
    </details>
  );
}
