import type { ImageType } from '../glean/types';
import { t } from '../i18n/t';

/**
 * What "sent again" means for an upload's type. Every type but UGC names exactly one image by its
 * metadata, so a second copy replaces the first; UGC may keep both.
 */
export function sentAgainNote(type: ImageType): string {
  return type === 'UGC' ? t('common_sentAgainMaybeTwo') : t('common_sentAgainReplaced');
}
