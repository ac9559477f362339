import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hasToken, onCredentialsChanged } from '../../../src/background/credentials';
import { imageHandlers } from '../../../src/background/image-handlers';
import { settingsHandlers } from '../../../src/background/settings-handlers';
import { getSecret, setSecret } from '../../../src/db/secrets';
import { loadSettings, storeSettings } from '../../../src/db/settings';
import type { Reply } from '../../../src/messaging/protocol';
import { createRouter } from '../../../src/messaging/router';
import { DEFAULT_SETTINGS, type PublicSettings, type Settings } from '../../../src/settings/types';
import type { SettingsDraft } from '../../../src/settings/validate';
import { resetDb } from '../db/reset-db';
import { EXT_ORIGIN, SELF, emulateBrowserOrigins } from '../messaging/extension-url';
import { recordingFetch } from './recording-fetch';

const ACME = 'https://acme-be.glean.com/rest/api/v1';
const TOKEN = 'glean-secret-token-AbC123xyz';
const PAGE = { id: SELF.id, url: `${EXT_ORIGIN}/options.html`, origin: EXT_ORIGIN };
const draft = (over: Partial<SettingsDraft> = {}): SettingsDraft => ({ backend: 'acme', tokenType: 'user', actAs: '', userId: '', ...over });

let route: ReturnType<typeof createRouter>;
let unsubscribe: Array<() => void> = [];
const realFetch = globalThis.fetch;

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  emulateBrowserOrigins();
  route = createRouter({ ...settingsHandlers, ...imageHandlers }, SELF);
});

afterEach(() => {
  for (const u of unsubscribe) u();
  unsubscribe = [];
  vi.stubGlobal('fetch', realFetch);
});

function listen() {
  const listener = vi.fn();
  unsubscribe.push(onCredentialsChanged(listener));
  return listener;
}

async function send<T>(type: string, payload: unknown): Promise<Reply<T>> {
  return (await route({ type, payload }, PAGE)) as Reply<T>;
}

async function state() {
  return { settings: await loadSettings(), token: await getSecret('apiToken') };
}

async function saved(settings: Partial<Settings> = {}, token: string | undefined = TOKEN) {
  await storeSettings({ apiBase: ACME, tokenType: 'user', actAs: '', userId: '', ...settings });
  if (token !== undefined) await setSecret('apiToken', token);
}

describe('settings.save', () => {
  it('stores the settings and the (trimmed) token, and answers without it', async () => {
    const listener = listen();
    const reply = await send<PublicSettings>('settings.save', { draft: draft({ userId: ' u-7 ' }), token: `  ${TOKEN}\n` });
    expect(reply).toEqual({ ok: true, value: { apiBase: ACME, tokenType: 'user', actAs: '', userId: 'u-7', hasToken: true } });
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
    expect(await state()).toEqual({ settings: { apiBase: ACME, tokenType: 'user', actAs: '', userId: 'u-7' }, token: TOKEN });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('stores a global token with its act-as e-mail', async () => {
    const reply = await send<PublicSettings>('settings.save', { draft: draft({ tokenType: 'global', actAs: 'jane@acme.com' }), token: TOKEN });
    expect(reply.ok && reply.value).toMatchObject({ tokenType: 'global', actAs: 'jane@acme.com', hasToken: true });
  });

  it.each([undefined, '', '   \n'])('refuses a save without a token (%j) when none is stored: field "token"', async (token) => {
    const listener = listen();
    const reply = await send('settings.save', token === undefined ? { draft: draft() } : { draft: draft(), token });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.fields).toEqual([{ field: 'token', message: expect.any(String) }]);
    expect(await state()).toEqual({ settings: DEFAULT_SETTINGS, token: undefined });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps the stored token when the backend stays the same', async () => {
    await saved();
    const listener = listen();
    const reply = await send<PublicSettings>('settings.save', { draft: draft({ backend: 'https://acme-be.glean.com/', userId: 'me' }) });
    expect(reply).toEqual({ ok: true, value: { apiBase: ACME, tokenType: 'user', actAs: '', userId: 'me', hasToken: true } });
    expect(await getSecret('apiToken')).toBe(TOKEN);
    // Any saved change is announced, so cached clients and a 401 pause see the new settings.
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses to move the stored token to another backend, and changes nothing', async () => {
    await saved({ userId: 'u1' });
    const before = await state();
    const listener = listen();
    const reply = await send('settings.save', { draft: draft({ backend: 'https://evil-be.glean.com', userId: 'u2' }) });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.fields).toEqual([{ field: 'token', message: expect.stringMatching(/token/i) }]);
    expect(await state()).toEqual(before);
    expect(listener).not.toHaveBeenCalled();
  });

  it('moves to another backend with a new token', async () => {
    await saved();
    const reply = await send<PublicSettings>('settings.save', { draft: draft({ backend: 'other' }), token: 'new-token' });
    expect(reply.ok && reply.value.apiBase).toBe('https://other-be.glean.com/rest/api/v1');
    expect(await getSecret('apiToken')).toBe('new-token');
  });

  it('refuses an invalid draft with every field, storing neither settings nor token', async () => {
    await saved({ userId: 'keep' });
    const before = await state();
    const reply = await send('settings.save', { draft: draft({ backend: 'http://evil.example', tokenType: 'global', actAs: '' }), token: 'would-be-new' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.fields?.map((f) => f.field).sort()).toEqual(['actAs', 'backend']);
    expect(await state()).toEqual(before);
  });

  it('never puts the token in browser.storage (local, sync, session)', async () => {
    const sets = [
      vi.spyOn(fakeBrowser.storage.local, 'set'),
      vi.spyOn(fakeBrowser.storage.sync, 'set'),
      vi.spyOn(fakeBrowser.storage.session, 'set'),
    ];
    await send('settings.save', { draft: draft(), token: TOKEN });
    await send('settings.save', { draft: draft({ userId: 'x' }) });
    await send('settings.get', null);
    for (const area of [fakeBrowser.storage.local, fakeBrowser.storage.sync, fakeBrowser.storage.session]) {
      expect(JSON.stringify(await area.get(null))).not.toContain(TOKEN);
    }
    for (const set of sets) for (const call of set.mock.calls) expect(JSON.stringify(call)).not.toContain(TOKEN);
    expect(await getSecret('apiToken')).toBe(TOKEN); // it is stored, only elsewhere
  });

  // BUG (reported): settings.save writes the settings first and the token second, in two
  // transactions. If the token write fails after the backend changed, the OLD token is left
  // paired with the NEW backend, and the next API call sends it there, which the handler's own
  // rule ("never send the stored one to a new address unasked") forbids.
  it('never leaves the old token paired with a new backend when storing the new token fails', async () => {
    await saved();
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (this.name === 'secrets') throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return realPut.apply(this, args);
    });
    const reply = await send('settings.save', { draft: draft({ backend: 'https://evil-be.glean.com' }), token: 'token-for-evil' });
    expect(reply.ok).toBe(false);
    vi.mocked(IDBObjectStore.prototype.put).mockRestore();

    const after = await state();
    const pairsOldTokenWithNewBackend = after.settings.apiBase !== ACME && after.token === TOKEN;
    expect.soft(pairsOldTokenWithNewBackend, `stored ${after.settings.apiBase} with the old token`).toBe(false);

    // What that would mean: the old token goes to the new address.
    const net = recordingFetch();
    vi.stubGlobal('fetch', net.fetch);
    await send('image.get', { query: { key: 'k' } });
    const leaked = net.requests.filter((r) => r.headers.get('authorization') === `Bearer ${TOKEN}` && !r.url.startsWith(ACME));
    expect(leaked.map((r) => r.url)).toEqual([]);
  });
});

describe('settings.get', () => {
  it('answers defaults and hasToken false when nothing is set up', async () => {
    expect(await send('settings.get', null)).toEqual({ ok: true, value: { apiBase: '', tokenType: 'user', actAs: '', userId: '', hasToken: false } });
  });

  it('never returns the token', async () => {
    await saved({ tokenType: 'global', actAs: 'jane@acme.com' });
    const reply = await send<PublicSettings>('settings.get', null);
    expect(reply.ok).toBe(true);
    expect(JSON.stringify(reply)).not.toContain(TOKEN);
    expect(reply.ok && Object.keys(reply.value).sort()).toEqual(['actAs', 'apiBase', 'hasToken', 'tokenType', 'userId']);
    expect(reply.ok && reply.value.hasToken).toBe(true);
  });
});

describe('token.forget', () => {
  it('removes the token, keeps the settings, and tells listeners', async () => {
    await saved({ userId: 'u1' });
    const listener = listen();
    const reply = await send<PublicSettings>('token.forget', null);
    expect(reply).toEqual({ ok: true, value: { apiBase: ACME, tokenType: 'user', actAs: '', userId: 'u1', hasToken: false } });
    expect(await getSecret('apiToken')).toBeUndefined();
    expect(await hasToken()).toBe(false);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('after forgetting, API calls are refused without any fetch', async () => {
    await saved();
    const net = recordingFetch();
    vi.stubGlobal('fetch', net.fetch);
    await send('token.forget', null);
    const reply = await send('image.get', { query: { key: 'k' } });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/Set up/);
    expect(net.spy).not.toHaveBeenCalled();
  });
});

describe('credentials listeners', () => {
  it('fire on store, wait for async listeners, and stop after unsubscribe', async () => {
    const order: string[] = [];
    const stop = onCredentialsChanged(async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('listener');
    });
    unsubscribe.push(stop);
    await send('settings.save', { draft: draft(), token: 't1' });
    order.push('stored');
    expect(order).toEqual(['listener', 'stored']);
    stop();
    await send('settings.save', { draft: draft(), token: 't2' });
    expect(order).toEqual(['listener', 'stored']);
    expect(await getSecret('apiToken')).toBe('t2');
  });
});
