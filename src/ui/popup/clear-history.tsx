import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tCount } from '../../i18n/t';

/** "Clear history", asking first inside the popup (window.confirm would close it in some browsers). */
export function ClearHistory({ count, onClear, disabled }: { count: number; onClear: () => Promise<void>; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  const confirm = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    // Focus follows the question, and goes back to "Clear history" when it is answered.
    if (asking) confirm.current?.focus();
    else if (asked.current) opener.current?.focus();
    asked.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button ref={opener} type="button" disabled={disabled || count === 0} onClick={() => setAsking(true)}>
        {t('popup_clearHistory')}
      </button>
    );
  }
  return (
    <div class="confirm" role="group" aria-labelledby="clear-question">
      <p id="clear-question">{tCount('popup_clearHistoryQuestion', count)}</p>
      <div class="actions tight">
        <button ref={confirm} type="button" class="danger" onClick={() => void onClear().finally(() => setAsking(false))}>
          {t('popup_clearConfirm')}
        </button>
        <button type="button" onClick={() => setAsking(false)}>{t('popup_clearKeep')}</button>
      </div>
    </div>
  );
}
