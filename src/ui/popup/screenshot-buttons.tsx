import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { send } from '../../messaging/send';
import type { CaptureKind } from '../../screenshots/preferences';
import { messageOf } from './format';

/**
 * "Screenshot": visible area, a region, the whole page of the current tab. Opening the popup
 * granted activeTab on that tab; the background captures it. For a region the popup closes, so
 * the person can drag on the page.
 */
export function ScreenshotButtons() {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const take = async (kind: CaptureKind) => {
    setError('');
    setBusy(true);
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) throw new Error(t('bg_pageClosed'));
      const started = send('screenshot.start', { tabId: tab.id, kind });
      if (kind === 'region') return window.close();
      await started;
      window.close();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const kinds: [CaptureKind, string][] = [['visible', t('shot_visible')], ['region', t('shot_region')], ['page', t('shot_page')]];
  return (
    <div class="screenshot-buttons" role="group" aria-label={t('shot_groupLabel')}>
      <span class="label">{t('shot_groupLabel')}</span>
      {kinds.map(([kind, label]) => (
        <button key={kind} type="button" class="small" disabled={busy} onClick={() => void take(kind)}>{label}</button>
      ))}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
