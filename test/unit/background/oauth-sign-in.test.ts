import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { oauthHandlers } from '../../../src/background/oauth-handlers';
import { signIn, type SignInDeps } from '../../../src/background/oauth-sign-in';
import { forgetHeldTokens } from '../../../src/background/oauth-tokens';
import { publicSettings, settingsHandlers } from '../../../src/background/settings-handlers';
import { loadTokens } from '../../../src/db/oauth-session';
import { getSecret, setSecret } from '../../../src/db/secrets';
import { loadSettings } from '../../../src/db/settings';
import type { Reply } from '../../../src/messaging/protocol';
import { createRouter } from '../../../src/messaging/router';
import { DEFAULT_SCOPES } from '../../../src/oauth/config';
import { SettingsInvalidError } from '../../../src/settings/validate';
import { resetDb } from '../db/reset-db';
import { EXT_ORIGIN, SELF, emulateBrowserOrigins } from '../messaging/extension-url';
import { API, ISSUER, REDIRECT, approving, fakeOAuth } from './fake-oauth';

const REQUEST = { backend: 'acme', userId: 'alice', provider: 'external', issuer: `${ISSUER}/`, clientId: 'glean-images', scopes: '' } as const;
const PAGE = { id: SELF.id, url: `${EXT_ORIGIN}/options.html`, origin: EXT_ORIGIN };
const CONTENT = { id: SELF.id, url: 'https://wiki.acme.com/x', origin: 'https://wiki.acme.com', tab: { id: 3 }, frameId: 0 };
const realFetch = globalThis.fetch;

let fake: ReturnType<typeof fakeOAuth>;
const deps = (launch = approving().launch): SignInDeps => ({ fetch: fake.fetch, launch, redirectUri: () => REDIRECT, now: Date.now });

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  emulateBrowserOrigins();
  forgetHeldTokens();
  fake = fakeOAuth();
});
afterEach(() => vi.stubGlobal('fetch', realFetch));

describe('signIn', () => {
  it('sends an S256 challenge of the verifier it redeems and a nonce, and stores the sign-in in place of the API token', async () => {
    await setSecret('apiToken', 'old-api-token');
    const flow = approving();
    await signIn(REQUEST, deps(flow.launch));

    const asked = flow.urls[0]!.searchParams;
    expect(Object.fromEntries(asked)).toMatchObject({ response_type: 'code', client_id: 'glean-images', redirect_uri: REDIRECT, scope: DEFAULT_SCOPES, code_challenge_method: 'S256' });
    expect(asked.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const exchange = fake.net.calls.find((c) => c.url.pathname === '/token')!.form;
    expect(Object.fromEntries(exchange)).toMatchObject({ grant_type: 'authorization_code', code: 'the-code', redirect_uri: REDIRECT, client_id: 'glean-images' });
    expect(createHash('sha256').update(exchange.get('code_verifier')!).digest('base64url')).toBe(asked.get('code_challenge'));

    expect(await loadSettings()).toEqual({ apiBase: API, tokenType: 'user', actAs: '', userId: 'alice', authMethod: 'oauth', oauth: { issuer: ISSUER, clientId: 'glean-images', scopes: DEFAULT_SCOPES, provider: 'external' } });
    expect(await getSecret('apiToken')).toBeUndefined();
    expect(await loadTokens()).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    const visible = await publicSettings();
    expect(visible).toMatchObject({ signedIn: true, hasToken: true, needsSignIn: false, account: 'Alice Example' });
    expect(JSON.stringify(visible)).not.toMatch(/at-1|rt-1|the-code/);
  });

  it('refuses an answer carrying another state, and stores nothing', async () => {
    await expect(signIn(REQUEST, deps(approving(() => ({ state: 'forged' })).launch))).rejects.toThrow(/state/);
    expect(fake.net.count('/token')).toBe(0);
    expect((await loadSettings()).authMethod).toBeUndefined();
    expect(await loadTokens()).toBeUndefined();
  });

  it('falls back to openid-configuration, and to userinfo for the name', async () => {
    fake.net.onlyOpenId = true;
    fake.net.claims = {};
    await signIn(REQUEST, deps());
    expect(fake.net.calls.map((c) => c.url.pathname).slice(0, 2)).toEqual(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']);
    expect((await publicSettings()).account).toBe('from-userinfo@acme.com');
  });

  it('refuses an ID token that carries another sign-in’s nonce, and stores nothing', async () => {
    const replayed = approving();
    // The fake puts the nonce it last saw into the ID token: here, one this sign-in never sent.
    const launch = vi.fn(async (url: string) => {
      const u = new URL(url);
      u.searchParams.set('nonce', 'another-sign-in');
      return replayed.launch(u.toString());
    });
    await expect(signIn(REQUEST, deps(launch))).rejects.toThrow(/could not be trusted/);
    expect(await loadTokens()).toBeUndefined();
  });

  it('checks the fields before anything goes out', async () => {
    const e = await signIn({ ...REQUEST, issuer: 'http://login.acme.com', clientId: ' ' }, deps()).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SettingsInvalidError);
    expect((e as SettingsInvalidError).fields.map((f) => f.field)).toEqual(['issuer', 'clientId']);
    expect(fake.net.calls).toEqual([]);
  });

  it('words a closed sign-in window', async () => {
    const closed = vi.fn(async () => {
      throw new Error('The user did not approve access.');
    });
    await expect(signIn(REQUEST, deps(closed))).rejects.toThrow(/did not finish \(The user did not approve access\.\)/);
  });
});

describe('oauth.signIn and oauth.signOut messages', () => {
  const route = () => createRouter({ ...settingsHandlers, ...oauthHandlers }, SELF);
  const send = async <T>(type: string, payload: unknown, sender: object = PAGE) => (await route()({ type, payload }, sender)) as Reply<T>;

  beforeEach(() => {
    vi.stubGlobal('fetch', fake.fetch);
    vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue(REDIRECT);
    const { launch } = approving();
    vi.spyOn(fakeBrowser.identity, 'launchWebAuthFlow').mockImplementation(async ({ url }) => launch(url));
  });

  it('are refused from content scripts', async () => {
    expect(await send('oauth.signIn', REQUEST, CONTENT)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await send('oauth.signOut', null, CONTENT)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(fake.net.calls).toEqual([]);
  });

  it('sign in from a page, answering public settings only; sign out revokes and forgets', async () => {
    const reply = await send('oauth.signIn', REQUEST);
    expect(reply).toMatchObject({ ok: true, value: { authMethod: 'oauth', signedIn: true, account: 'Alice Example' } });
    expect(JSON.stringify(reply)).not.toMatch(/at-1|rt-1/);

    expect(await send('oauth.signOut', null)).toMatchObject({ ok: true, value: { authMethod: 'oauth', signedIn: false, hasToken: false, needsSignIn: false } });
    expect(fake.net.calls.filter((c) => c.url.pathname === '/revoke').map((c) => [c.form.get('token'), c.form.get('token_type_hint')])).toEqual([
      ['rt-1', 'refresh_token'],
      ['at-1', 'access_token'],
    ]);
    expect(await loadTokens()).toBeUndefined();
  });

  it('saving an API token ends the OAuth sign-in, keeping its client settings for later', async () => {
    await send('oauth.signIn', REQUEST);
    const saved = await send('settings.save', { draft: { backend: 'acme', tokenType: 'user', actAs: '', userId: 'alice' }, token: 'api-tok' });
    expect(saved).toMatchObject({ ok: true, value: { hasToken: true, oauth: { issuer: ISSUER } } });
    expect(saved.ok && saved.value).not.toHaveProperty('authMethod');
    expect(await loadTokens()).toBeUndefined();
    expect(fake.net.count('/revoke')).toBe(2);
  });
});
