import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';

/** The redirect URL this browser's sign-in window ends on, or '' where the browser has none. */
export function redirectUrl(): string {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    return '';
  }
}

/** The redirect URL the admin registers for the client (this browser's, unless given), with a "Copy" button. */
export function RedirectUrl({ value, hint }: { value?: string; hint?: string } = {}) {
  const [own] = useState(redirectUrl);
  const url = value ?? own;
  const [copied, setCopied] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(t('common_copied'));
    } catch {
      setCopied(t('options_copyFailed'));
    }
  }

  return (
    <div class="field">
      <label for="redirectUrl">{t('options_redirectUrlLabel')}</label>
      <div class="inline-form">
        <input id="redirectUrl" type="text" readOnly value={url} aria-describedby="redirectUrl-hint" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="small" disabled={!url} onClick={() => void copy()}>{t('common_copy')}</button>
      </div>
      <p class="hint" id="redirectUrl-hint" aria-live="polite">
        {copied || hint || t('options_redirectUrlHint')}
      </p>
    </div>
  );
}
