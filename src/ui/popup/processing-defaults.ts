import { createContext } from 'preact';
import { t } from '../../i18n/t';
import type { ProcessingOptions } from '../../images/types';

/**
 * The processing the background applies when an upload asks for none (the options page's
 * "Uploads" defaults). Null while unknown: the form then just says "default".
 */
export const ProcessingDefaults = createContext<ProcessingOptions | null>(null);

const FORMAT_NAMES = { png: 'PNG', jpeg: 'JPEG', webp: 'WebP' } as const;

/** The defaults in a few words: "at most 1024 px, as JPEG 85%", or "unchanged". */
export function describeProcessing(options: ProcessingOptions): string {
  const { maxWidth = 0, maxHeight = 0, format, quality } = options;
  const size =
    maxWidth && maxHeight ? (maxWidth === maxHeight ? t('popup_atMost', maxWidth) : t('popup_atMostBox', maxWidth, maxHeight))
    : maxWidth ? t('popup_atMostWide', maxWidth)
    : maxHeight ? t('popup_atMostHigh', maxHeight)
    : '';
  const as =
    !format || format === 'keep' ? ''
    : format !== 'png' && quality !== undefined ? t('popup_asFormatQuality', FORMAT_NAMES[format], Math.round(quality * 100))
    : t('popup_asFormat', FORMAT_NAMES[format]);
  const parts = [size, as, options.squareCrop ? t('popup_square') : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : t('popup_unchanged');
}
