import { createContext } from 'preact';
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
    maxWidth && maxHeight ? (maxWidth === maxHeight ? `at most ${maxWidth} px` : `at most ${maxWidth} × ${maxHeight} px`)
    : maxWidth ? `at most ${maxWidth} px wide`
    : maxHeight ? `at most ${maxHeight} px high`
    : '';
  const as =
    format && format !== 'keep'
      ? `as ${FORMAT_NAMES[format]}${format !== 'png' && quality !== undefined ? ` ${Math.round(quality * 100)}%` : ''}`
      : '';
  const parts = [size, as, options.squareCrop ? 'square' : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : 'unchanged';
}
