import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { send } from '../../messaging/send';
import { siteOf, sitePattern } from '../../sites/site-url';

const CONTENT_SCRIPT = '/content-scripts/content.js';

/**
 * "Show Glean images on this site" for the active tab's site. Turning it on asks the browser for
 * that one site inside the change event (browsers grant hosts only during a user gesture), then
 * enables it and starts the page part in the open tab, so no reload is needed.
 */
export function SiteSwitch() {
  const [tab, setTab] = useState<{ id: number; site: string } | null>(null);
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // A site the organisation's policy names and locks stays on (the background refuses it anyway).
  const [locked, setLocked] = useState(false);

  useEffect(() => {
    browser.tabs
      .query({ active: true, currentWindow: true })
      .then(async ([t]) => {
        const site = siteOf(t?.url ?? '');
        if (!site || t?.id === undefined) return;
        const [sites, policy] = await Promise.all([send('sites.get', null), send('policy.get', null).catch(() => null)]);
        setOn(sites.includes(site));
        setLocked(Boolean(policy?.lock && policy.set.includes('sites') && policy.sites.includes(site)));
        setTab({ id: t.id, site });
      })
      .catch(() => undefined); // no web page in this tab: nothing to switch
  }, []);

  if (!tab) return null;

  function onChange(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const enable = input.checked;
    const granted = enable ? browser.permissions.request({ origins: [sitePattern(tab!.site)] }).catch(() => false) : Promise.resolve(true);
    setBusy(true);
    setError('');
    void granted
      .then(async (ok) => {
        if (!ok) throw new Error(t('popup_siteRefused', tab!.site));
        const sites = await send('sites.set', { site: tab!.site, enabled: enable });
        setOn(sites.includes(tab!.site));
        if (enable) await browser.scripting.executeScript({ target: { tabId: tab!.id }, files: [CONTENT_SCRIPT] }).catch(() => undefined);
      })
      .catch((e: unknown) => {
        input.checked = !enable;
        setError(e instanceof Error ? e.message : String(e));
      })
      .finally(() => setBusy(false));
  }

  return (
    <div class="site-switch" style={{ gridColumn: '1 / -1', marginTop: '0.35rem' }}>
      <label class="check">
        <input type="checkbox" role="switch" checked={on} disabled={busy || (locked && on)} onChange={onChange} />
        {t('popup_showOnSite')}
      </label>
      {locked && on && <p class="hint">{t('options_policySet')}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
