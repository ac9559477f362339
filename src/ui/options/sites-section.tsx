import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../i18n/t';
import { MessageError, send } from '../../messaging/send';
import { ALL_SITES_PERMISSION } from '../../sites/everywhere';
import { siteFromInput } from '../../sites/site-input';
import { sitePattern } from '../../sites/site-url';
import type { Status } from '../components/status-line';
import type { PolicyView } from '../../policy/types';
import { isLocked, SetByOrganisation } from './policy-parts';

const messageOf = (e: unknown) => (e instanceof MessageError ? e.info.message : e instanceof Error ? e.message : String(e));
const EXAMPLE_SITE = 'https://intranet.example.com';
const ask = (origin: string) => browser.permissions.request({ origins: [origin] }).catch(() => false);

/**
 * The options page's list of sites that show Glean images: add (the browser is asked for that one
 * site inside the click), remove, and the opt-in for every site, with what it risks in plain words.
 */
export function SitesSection({ policy = null }: { policy?: PolicyView | null } = {}) {
  const lockedSites = isLocked(policy, 'sites') ? policy!.sites : [];
  const everywhereLocked = isLocked(policy, 'everywhere');
  const [sites, setSites] = useState<string[] | null>(null);
  const [everywhere, setEverywhere] = useState(false);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  // Named by the policy but not granted by the browser yet: enabled by the background once they are.
  const pending = (policy?.sites ?? []).filter((s) => sites !== null && !sites.includes(s));

  useEffect(() => {
    Promise.all([send('sites.get', null), send('sites.everywhere.get', null)]).then(
      ([list, all]) => {
        setSites(list);
        setEverywhere(all);
      },
      (e: unknown) => setStatus({ tone: 'error', text: t('options_sitesReadFailed', messageOf(e)) }),
    );
  }, []);

  function run(action: () => Promise<Status>) {
    setBusy(true);
    setStatus(null);
    action()
      .then(setStatus, (e: unknown) => setStatus({ tone: 'error', text: messageOf(e) }))
      .finally(() => setBusy(false));
  }

  function onAdd(event: Event) {
    event.preventDefault();
    const site = siteFromInput(draft);
    if (!site) return setStatus({ tone: 'error', text: t('options_siteInvalid', EXAMPLE_SITE) });
    const granted = ask(sitePattern(site)); // first, while the click still counts as a gesture
    run(async () => {
      if (!(await granted)) return { tone: 'error', text: t('options_siteNotAllowed', site) };
      setSites(await send('sites.set', { site, enabled: true }));
      setDraft('');
      return { tone: 'ok', text: t('options_siteAdded', site) };
    });
  }

  function onRemove(site: string) {
    run(async () => {
      setSites(await send('sites.set', { site, enabled: false }));
      return { tone: 'ok', text: t('options_siteRemoved', site) };
    });
  }

  function onEverywhere(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const want = input.checked;
    const granted = want ? ask(ALL_SITES_PERMISSION) : Promise.resolve(true);
    run(async () => {
      if (!(await granted)) {
        input.checked = false;
        return { tone: 'error', text: t('options_everywhereNotAllowed') };
      }
      setEverywhere(await send('sites.everywhere.set', { everywhere: want }));
      return { tone: 'ok', text: want ? t('options_everywhereOn') : t('options_everywhereOff') };
    });
  }

  return (
    <section class="sites" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('options_sitesTitle')}</h2>
      <p class="hint">{t('options_sitesHint')}</p>
      {sites?.length === 0 && <p>{t('options_sitesEmpty')}</p>}
      {pending.length > 0 && <p class="hint">{t('options_policySitesPending', pending.join(', '))}</p>}
      <ul class="items sites-list">
        {sites?.map((site) => (
          <li key={site} class="site-row">
            <code>{site}</code>{' '}
            {lockedSites.includes(site) ? <SetByOrganisation /> : (
              <button type="button" class="small" disabled={busy} aria-label={t('options_removeSite', site)} onClick={() => onRemove(site)}>{t('common_remove')}</button>
            )}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={onAdd} noValidate>
        <div class="field">
          <label for="site-add">{t('options_addSiteLabel')}</label>
          <input id="site-add" type="text" autocomplete="off" spellcheck={false} placeholder={EXAMPLE_SITE} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={busy}>{t('options_addSite')}</button>
      </form>
      <label class="check" style={{ marginTop: '0.75rem' }}>
        <input id="sites-everywhere" type="checkbox" checked={everywhere} disabled={busy || everywhereLocked} aria-describedby="sites-everywhere-warning" onChange={onEverywhere} />
        {t('options_everywhereLabel')}
      </label>
      <p class="hint" id="sites-everywhere-warning">
        {t('options_everywhereWarning')}
      </p>
      {everywhereLocked && <SetByOrganisation />}
      <p class={`status ${status ? `status-${status.tone}` : ''}`} aria-live="polite" data-testid="sites-status" data-busy={busy}>{status?.text ?? ''}</p>
    </section>
  );
}
