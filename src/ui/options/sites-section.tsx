import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { MessageError, send } from '../../messaging/send';
import { ALL_SITES_PERMISSION } from '../../sites/everywhere';
import { siteFromInput } from '../../sites/site-input';
import { sitePattern } from '../../sites/site-url';
import type { Status } from '../components/status-line';

const messageOf = (e: unknown) => (e instanceof MessageError ? e.info.message : e instanceof Error ? e.message : String(e));
const ask = (origin: string) => browser.permissions.request({ origins: [origin] }).catch(() => false);

/**
 * The options page's list of sites that show Glean images: add (the browser is asked for that one
 * site inside the click), remove, and the opt-in for every site, with what it risks in plain words.
 */
export function SitesSection() {
  const [sites, setSites] = useState<string[] | null>(null);
  const [everywhere, setEverywhere] = useState(false);
  const [draft, setDraft] = useState('');
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    Promise.all([send('sites.get', null), send('sites.everywhere.get', null)]).then(
      ([list, all]) => {
        setSites(list);
        setEverywhere(all);
      },
      (e: unknown) => setStatus({ tone: 'error', text: `The sites could not be read: ${messageOf(e)}` }),
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
    if (!site) return setStatus({ tone: 'error', text: 'Enter a web site address, like https://intranet.example.com.' });
    const granted = ask(sitePattern(site)); // first, while the click still counts as a gesture
    run(async () => {
      if (!(await granted)) return { tone: 'error', text: `The browser did not allow the extension on ${site}.` };
      setSites(await send('sites.set', { site, enabled: true }));
      setDraft('');
      return { tone: 'ok', text: `Glean images now show on ${site} (reload its open pages).` };
    });
  }

  function onRemove(site: string) {
    run(async () => {
      setSites(await send('sites.set', { site, enabled: false }));
      return { tone: 'ok', text: `Glean images no longer show on ${site}.` };
    });
  }

  function onEverywhere(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const want = input.checked;
    const granted = want ? ask(ALL_SITES_PERMISSION) : Promise.resolve(true);
    run(async () => {
      if (!(await granted)) {
        input.checked = false;
        return { tone: 'error', text: 'The browser did not allow the extension on all sites.' };
      }
      setEverywhere(await send('sites.everywhere.set', { everywhere: want }));
      return { tone: 'ok', text: want ? 'Glean images now show on every https site.' : 'Glean images show only on the sites listed.' };
    });
  }

  return (
    <section class="sites" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Glean images on web pages</h2>
      <p class="hint">Pages can name Glean images that only show with your token. The extension shows them on these sites, and nowhere else.</p>
      {sites?.length === 0 && <p>No site yet. Add one here, or use the switch in the toolbar popup on the site itself.</p>}
      <ul class="items sites-list">
        {sites?.map((site) => (
          <li key={site} class="site-row">
            <code>{site}</code>{' '}
            <button type="button" class="small" disabled={busy} aria-label={`Remove ${site}`} onClick={() => onRemove(site)}>Remove</button>
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={onAdd} noValidate>
        <div class="field">
          <label for="site-add">Add a site</label>
          <input id="site-add" type="text" autocomplete="off" spellcheck={false} placeholder="https://intranet.example.com" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        </div>
        <button type="submit" disabled={busy}>Add site</button>
      </form>
      <label class="check" style={{ marginTop: '0.75rem' }}>
        <input id="sites-everywhere" type="checkbox" checked={everywhere} disabled={busy} aria-describedby="sites-everywhere-warning" onChange={onEverywhere} />
        Show Glean images on every site
      </label>
      <p class="hint" id="sites-everywhere-warning">
        Careful: any page you open could then name a Glean image, by its address or key, and read it once it is shown, with your access. Turn this on only if that is acceptable for every site you visit. Plain http sites are not included; add them one by one.
      </p>
      <p class={`status ${status ? `status-${status.tone}` : ''}`} aria-live="polite" data-testid="sites-status" data-busy={busy}>{status?.text ?? ''}</p>
    </section>
  );
}
