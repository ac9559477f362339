/** The options page's "Uploads" form as it holds the preferences (text, as typed), and its checks. */
import type { ImageType } from '../../glean/types';
import { t, tCount, type MessageKey } from '../../i18n/t';
import type { ProcessingOptions } from '../../images/types';
import { LIMITS } from '../../messaging/protocol';
import { PREFERENCE_BOUNDS, type UploadPreferences } from '../../settings/upload-preferences';

export type OutputFormat = NonNullable<ProcessingOptions['format']>;

export interface UploadsDraft {
  capMb: string;
  concurrency: string;
  maxAttempts: string;
  historyCap: string;
  defaultType: ImageType;
  id: string;
  ds: string;
  cid: string;
  maxWidth: string;
  maxHeight: string;
  format: OutputFormat;
  /** Percent, 1..100; used for JPEG and WebP. */
  quality: string;
}

export type UploadsField = keyof UploadsDraft;
export type UploadsErrors = Partial<Record<UploadsField, string>>;

const MB = 1024 * 1024;
/** The preferences' bounds (shared with the background's schema), and quality in percent. */
export const BOUNDS = { ...PREFERENCE_BOUNDS, quality: [1, 100] } as const;
const DEFAULT_QUALITY = 85;

export const isLossy = (format: OutputFormat) => format === 'jpeg' || format === 'webp';

/** The saved preferences as the form shows them. */
export function draftFrom(prefs: UploadPreferences): UploadsDraft {
  const p = prefs.processing;
  const mb = prefs.capBytes / MB;
  return {
    capMb: String(Number.isInteger(mb) ? mb : Math.round(mb * 10) / 10),
    concurrency: String(prefs.concurrency),
    maxAttempts: String(prefs.maxAttempts),
    historyCap: String(prefs.historyCap),
    defaultType: prefs.defaultType,
    id: prefs.defaultMetadata.id ?? '',
    ds: prefs.defaultMetadata.ds ?? '',
    cid: prefs.defaultMetadata.cid ?? '',
    maxWidth: p.maxWidth ? String(p.maxWidth) : '',
    maxHeight: p.maxHeight ? String(p.maxHeight) : '',
    format: p.format ?? 'keep',
    quality: String(p.quality !== undefined ? Math.round(p.quality * 100) : DEFAULT_QUALITY),
  };
}

/** A number typed in a field, or NaN when the text is not one. */
const numberIn = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()));

/** One message per unit ("uploads", "attempts"), as languages word "a whole number of …" differently. */
function wholeIn(text: string, [min, max]: readonly [number, number], message: MessageKey): { value: number } | { error: string } {
  const n = numberIn(text);
  if (!Number.isInteger(n) || n < min || n > max) return { error: t(message, min, max) };
  return { value: n };
}

/**
 * The preferences to save, or the problems in words. `saved` keeps what the form does not show
 * (a square crop set elsewhere).
 */
export function preferencesFrom(draft: UploadsDraft, saved: UploadPreferences): { prefs: UploadPreferences } | { errors: UploadsErrors } {
  const errors: UploadsErrors = {};
  const whole = (field: UploadsField, bounds: readonly [number, number], message: MessageKey): number => {
    const got = wholeIn(draft[field], bounds, message);
    if ('error' in got) errors[field] = got.error;
    return 'value' in got ? got.value : 0;
  };

  const mb = numberIn(draft.capMb);
  const [minMb, maxMb] = BOUNDS.capMb;
  if (!Number.isFinite(mb)) errors.capMb = t('options_capMbInvalid');
  else if (mb < minMb || mb > maxMb) errors.capMb = t('options_capMbRange', minMb, maxMb);
  const concurrency = whole('concurrency', BOUNDS.concurrency, 'options_wholeUploads');
  const maxAttempts = whole('maxAttempts', BOUNDS.maxAttempts, 'options_wholeAttempts');
  const historyCap = whole('historyCap', BOUNDS.historyCap, 'options_wholeUploads');

  const side = (field: 'maxWidth' | 'maxHeight'): number | undefined => {
    if (draft[field].trim() === '' || numberIn(draft[field]) === 0) return undefined;
    const n = numberIn(draft[field]);
    const [min, max] = BOUNDS.side;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    errors[field] = t('options_sideInvalid', min, max);
    return undefined;
  };
  const maxWidth = side('maxWidth');
  const maxHeight = side('maxHeight');
  const quality = isLossy(draft.format) ? whole('quality', BOUNDS.quality, 'options_wholePercent') : undefined;

  if (draft.defaultType === 'USER' && !draft.id.trim()) {
    errors.id = t('options_userTypeNeedsId');
  }
  for (const field of ['id', 'ds', 'cid'] as const) {
    if (draft[field].trim().length > LIMITS.fieldLength) errors[field] = tCount('options_atMostCharacters', LIMITS.fieldLength);
  }
  if (Object.keys(errors).length) return { errors };

  const processing: ProcessingOptions = {
    format: draft.format,
    ...(maxWidth ? { maxWidth } : {}),
    ...(maxHeight ? { maxHeight } : {}),
    ...(quality !== undefined ? { quality: quality / 100 } : {}),
    ...(saved.processing.squareCrop ? { squareCrop: true } : {}),
  };
  const defaultMetadata: UploadPreferences['defaultMetadata'] = {};
  for (const field of ['id', 'ds', 'cid'] as const) {
    const value = draft[field].trim();
    if (value) defaultMetadata[field] = value;
  }
  return {
    prefs: {
      capBytes: Math.round(mb * MB),
      concurrency,
      maxAttempts,
      historyCap,
      processing,
      defaultType: draft.defaultType,
      defaultMetadata,
    },
  };
}
