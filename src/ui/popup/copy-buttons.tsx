import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { COPY_FORMATS, formatCopy, type CopySource } from '../../history/copy-formats';

/** Copies text; false when the browser refuses (no focus, no permission). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** "Copy key", "Copy URL", "Copy Markdown", "Copy HTML" for one upload, with a quiet confirmation. */
export function CopyButtons({ source, label }: { source: CopySource; label: string }) {
  const [said, setSaid] = useState('');
  return (
    <div class="copy" role="group" aria-label={label}>
      <div class="copy-buttons">
        {COPY_FORMATS.map(({ format, label: text, done }) => (
          <button key={format} type="button" class="small" disabled={format === 'key' && !source.key}
            onClick={async () => setSaid((await copyText(formatCopy(format, source))) ? done : t('popup_copyRefused'))}>
            {text}
          </button>
        ))}
      </div>
      <p class="copy-said hint" role="status" aria-live="polite">{said}</p>
    </div>
  );
}
