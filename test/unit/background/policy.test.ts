/**
 * The organisation's policy in the background: applied on install and at each start (once per
 * value without a lock, always with one), a credential never carried to a new backend, the policy's
 * sites enabled once granted, and every message that would change a locked value refused.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { oauthHandlers } from '../../../src/background/oauth-handlers';
import { applyPolicy } from '../../../src/background/policy-apply';
import { policyHandlers } from '../../../src/background/policy-handlers';
import { onPolicyChanged } from '../../../src/background/policy-source';
import { preferenceHandlers } from '../../../src/background/preference-handlers';
import { settingsHandlers } from '../../../src/background/settings-handlers';
import { siteHandlers } from '../../../src/background/site-access';
import { loadUploadPreferences, storeUploadPreferences } from '../../../src/db/preferences';
import { getSecret, setSecret } from '../../../src/db/secrets';
import { loadSettings, storeSettings } from '../../../src/db/settings';
import { loadEverywhere, loadSites, storeSites } from '../../../src/db/sites';
import type { Reply } from '../../../src/messaging/protocol';
import { createRouter } from '../../../src/messaging/router';
import type { PolicyView } from '../../../src/policy/types';
import { DEFAULT_UPLOAD_PREFERENCES, type UploadPreferences } from '../../../src/settings/upload-preferences';
import { resetDb } from '../db/reset-db';
import { EXT_ORIGIN, SELF, emulateBrowserOrigins } from '../messaging/extension-url';

const ACME = 'https://acme-be.glean.com/rest/api/v1';
const PAGE = { id: SELF.id, url: `${EXT_ORIGIN}/options.html`, origin: EXT_ORIGIN };
const COMPANY = {
  BaseUrl: 'acme',
  SignInMethod: 'glean',
  ShowImagesOnSites: ['https://wiki.acme.com', 'https://intranet.acme.com'],
  RightClickType: 'LOGO',
  RightClickMetadata: { Datasource: 'intranet' },
  MaxUploadSizeMB: 8,
};

let route: ReturnType<typeof createRouter>;
let granted: Set<string>;

const setPolicy = (values: Record<string, unknown>) => fakeBrowser.storage.managed.set(values);
async function send<T = unknown>(type: string, payload: unknown): Promise<Reply<T>> {
  return (await route({ type, payload }, PAGE)) as Reply<T>;
}
const refusal = (reply: Reply<unknown>) => (reply.ok ? 'accepted' : reply.error.message);

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  emulateBrowserOrigins();
  granted = new Set();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async ({ origins }: { origins?: string[] }) => (origins ?? []).every((o) => granted.has(o))) as never);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockResolvedValue(undefined as never);
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockResolvedValue(undefined as never);
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([] as never);
  route = createRouter({ ...settingsHandlers, ...oauthHandlers, ...preferenceHandlers, ...siteHandlers, ...policyHandlers }, SELF);
});

describe('applying the policy', () => {
  it('fills a fresh install: backend, the one-step sign-in, right-click defaults and size limit', async () => {
    await setPolicy(COMPANY);
    await applyPolicy();
    expect(await loadSettings()).toMatchObject({
      apiBase: ACME,
      authMethod: 'oauth',
      oauth: { issuer: 'https://acme-be.glean.com', clientId: '', provider: 'glean' },
    });
    expect(await loadUploadPreferences()).toEqual({ ...DEFAULT_UPLOAD_PREFERENCES, capBytes: 8 * 1024 * 1024, defaultType: 'LOGO', defaultMetadata: { ds: 'intranet' } });
    // Not granted yet: no site enabled.
    expect(await loadSites()).toEqual([]);
  });

  it('changes nothing without a policy, and nothing for a malformed one, listing why', async () => {
    await storeSettings({ apiBase: ACME, tokenType: 'user', actAs: '', userId: 'me' }, 'my-token');
    const before = [await loadSettings(), await loadUploadPreferences()];
    await applyPolicy();
    await setPolicy({ BaseUrl: 'ftp://acme', MaxUploadSizeMB: -1, SignInMethod: 'sso', LockSettings: true });
    await applyPolicy();
    expect([await loadSettings(), await loadUploadPreferences()]).toEqual(before);
    expect(await getSecret('apiToken')).toBe('my-token');
    const view = await send<PolicyView>('policy.get', null);
    expect(view).toMatchObject({ ok: true, value: { set: [], lock: true, sites: [] } });
    expect(view.ok && view.value.notes.map((n) => n.key)).toEqual(['BaseUrl', 'SignInMethod', 'MaxUploadSizeMB']);
  });

  it('without a lock, writes a value once: the user’s later choice stays until the admin changes it', async () => {
    await setPolicy(COMPANY);
    await applyPolicy();
    const mine: UploadPreferences = { ...(await loadUploadPreferences()), defaultType: 'UGC', defaultMetadata: {}, capBytes: 30 * 1024 * 1024 };
    expect((await send('preferences.save', mine)).ok).toBe(true);
    await applyPolicy(); // the next start
    expect(await loadUploadPreferences()).toEqual(mine);
    await setPolicy({ ...COMPANY, RightClickType: 'ICON' });
    await applyPolicy();
    // Only the changed value is written again.
    expect(await loadUploadPreferences()).toEqual({ ...mine, defaultType: 'ICON', defaultMetadata: { ds: 'intranet' } });
  });

  it('with a lock, puts a locked value back whatever was stored meanwhile', async () => {
    await setPolicy({ ...COMPANY, LockSettings: true });
    await applyPolicy();
    await storeUploadPreferences({ ...(await loadUploadPreferences()), capBytes: 50 * 1024 * 1024 });
    await applyPolicy();
    expect((await loadUploadPreferences()).capBytes).toBe(8 * 1024 * 1024);
  });

  it('drops the API token when the policy moves the backend, and keeps it when the backend stays', async () => {
    await storeSettings({ apiBase: ACME, tokenType: 'user', actAs: '', userId: 'me', authMethod: 'token' }, 'acme-token');
    await setPolicy({ BaseUrl: 'https://acme-be.glean.com/', SignInMethod: 'token' });
    await applyPolicy();
    expect(await getSecret('apiToken')).toBe('acme-token');
    await setPolicy({ BaseUrl: 'other', SignInMethod: 'token' });
    await applyPolicy();
    expect((await loadSettings()).apiBase).toBe('https://other-be.glean.com/rest/api/v1');
    expect(await getSecret('apiToken')).toBeUndefined();
    expect((await loadSettings()).userId).toBe('me');
  });

  it('enables the policy’s sites as the browser grants them; without a lock a removal sticks', async () => {
    await setPolicy(COMPANY);
    await storeSites(['https://mine.example']);
    granted.add('https://wiki.acme.com/*');
    await applyPolicy();
    expect(await loadSites()).toEqual(['https://mine.example', 'https://wiki.acme.com']);
    expect((await send('sites.set', { site: 'https://wiki.acme.com', enabled: false })).ok).toBe(true);
    granted.add('https://intranet.acme.com/*');
    await applyPolicy(); // permissions.onAdded
    expect(await loadSites()).toEqual(['https://intranet.acme.com', 'https://mine.example']);
  });

  it('turns "every site" on once every site is granted, and only then records it', async () => {
    await setPolicy({ ShowImagesOnEverySite: true });
    await applyPolicy();
    expect(await loadEverywhere()).toBe(false);
    granted.add('https://*/*');
    await applyPolicy();
    expect(await loadEverywhere()).toBe(true);
    expect((await send('sites.everywhere.set', { everywhere: false })).ok).toBe(true);
    await applyPolicy();
    expect(await loadEverywhere()).toBe(false);
  });

  it('is told when Chrome reports a policy change, and not for other storage', async () => {
    const listener = vi.fn();
    onPolicyChanged(listener);
    await fakeBrowser.storage.local.set({ a: 1 });
    expect(listener).not.toHaveBeenCalled();
    await setPolicy({ BaseUrl: 'acme' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('locked values refused in the background, whatever page asks', () => {
  const LOCKED = 'Set by your organisation: ';

  beforeEach(async () => {
    await setPolicy({ ...COMPANY, ShowImagesOnEverySite: false, LockSettings: true });
    granted.add('https://wiki.acme.com/*').add('https://intranet.acme.com/*').add('https://*/*');
    await applyPolicy();
  });

  it('tells the options page what is set and locked', async () => {
    expect(await send('policy.get', null)).toEqual({
      ok: true,
      value: { set: ['backend', 'signIn', 'sites', 'everywhere', 'rightClick', 'capBytes'], lock: true, sites: ['https://intranet.acme.com', 'https://wiki.acme.com'], notes: [] },
    });
  });

  it('refuses another backend or an API token, before storing anything', async () => {
    const before = await loadSettings();
    const draft = { backend: 'evil', tokenType: 'user', actAs: '', userId: '' };
    expect(refusal(await send('settings.save', { draft, token: 't' }))).toBe(`${LOCKED}"Glean backend" cannot be changed here.`);
    expect(refusal(await send('settings.save', { draft: { ...draft, backend: 'acme' }, token: 't' }))).toBe(`${LOCKED}"Sign-in method" cannot be changed here.`);
    expect(await loadSettings()).toEqual(before);
    expect(await getSecret('apiToken')).toBeUndefined();
  });

  it('refuses a sign-in to another backend or with another client, before any network step', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const request = { backend: 'acme', userId: '', provider: 'glean', issuer: '', clientId: '', scopes: '' };
    expect(refusal(await send('oauth.signIn', { ...request, backend: 'evil' }))).toMatch(/^Set by your organisation: "Glean backend"/);
    expect(refusal(await send('oauth.signIn', { ...request, clientId: 'mine' }))).toMatch(/^Set by your organisation: "Sign-in method"/);
    expect(refusal(await send('oauth.signIn', { ...request, provider: 'external', issuer: 'https://idp.example.com', clientId: 'x' }))).toMatch(/^Set by your organisation/);
    expect(fetch).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('refuses other right-click defaults or size limit, and takes the rest of the form', async () => {
    const prefs = await loadUploadPreferences();
    expect(refusal(await send('preferences.save', { ...prefs, capBytes: 9 * 1024 * 1024 }))).toMatch(/"Largest file \(MB\)"/);
    expect(refusal(await send('preferences.save', { ...prefs, defaultType: 'UGC' }))).toMatch(/Upload to Glean/);
    expect(refusal(await send('preferences.save', { ...prefs, defaultMetadata: { ds: 'intranet', id: 'x' } }))).toMatch(/Upload to Glean/);
    expect(await loadUploadPreferences()).toEqual(prefs);
    expect(await send('preferences.save', { ...prefs, concurrency: 5 })).toMatchObject({ ok: true, value: { concurrency: 5 } });
  });

  it('refuses removing a policy site or changing "every site", and lets other sites be added', async () => {
    expect(refusal(await send('sites.set', { site: 'https://wiki.acme.com', enabled: false }))).toMatch(/^Set by your organisation/);
    expect(refusal(await send('sites.everywhere.set', { everywhere: true }))).toMatch(/^Set by your organisation/);
    granted.add('https://mine.example/*');
    expect(await send('sites.set', { site: 'https://mine.example', enabled: true })).toEqual({ ok: true, value: ['https://intranet.acme.com', 'https://mine.example', 'https://wiki.acme.com'] });
  });

  it('lets go once the lock is lifted', async () => {
    await setPolicy({ ...COMPANY, LockSettings: false });
    const prefs = await loadUploadPreferences();
    expect((await send('preferences.save', { ...prefs, defaultType: 'UGC' })).ok).toBe(true);
    expect((await send('sites.set', { site: 'https://wiki.acme.com', enabled: false })).ok).toBe(true);
  });
});
