/** The sandbox OAuth server: discovery modes, the authorization endpoint and its checks, the controls. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server.js';
import { REDIRECT, oauthSteps } from './oauth-test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const { authorizeUrl, code, post, location, signIn } = oauthSteps(() => sb);

describe('discovery', () => {
  it('serves both documents with the origin as issuer, and S256 only', async () => {
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      const doc = await (await fetch(`${sb.origin}${path}`)).json();
      expect(doc).toMatchObject({ issuer: sb.origin, token_endpoint: `${sb.origin}/oauth/token`, code_challenge_methods_supported: ['S256'] });
    }
  });

  it('answers 404 at the RFC 8414 place in "openid-only" mode, and everywhere in "none"', async () => {
    sb.oauth.knobs.oauthDiscovery = 'openid-only';
    expect((await fetch(`${sb.origin}/.well-known/oauth-authorization-server`)).status).toBe(404);
    expect((await fetch(`${sb.origin}/.well-known/openid-configuration`)).status).toBe(200);
    sb.oauth.knobs.oauthDiscovery = 'none';
    expect((await fetch(`${sb.origin}/.well-known/openid-configuration`)).status).toBe(404);
  });
});

describe('authorization endpoint', () => {
  it('shows a page with "Allow"; allowing redirects with code, state and iss', async () => {
    const html = await (await fetch(authorizeUrl())).text();
    expect(html).toContain('>Allow</button>');
    const id = /name="request" value="([^"]+)"/.exec(html)![1]!;
    const res = await post('/oauth/authorize', { request: id, decision: 'allow' });
    expect(res.status).toBe(302);
    const back = location(res);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-1');
    expect(back.searchParams.get('iss')).toBe(sb.origin);
    expect(back.searchParams.get('code')).toMatch(/^code-/);
    // The request is answered once.
    expect((await post('/oauth/authorize', { request: id, decision: 'allow' })).status).toBe(400);
  });

  it('redirects with access_denied on "Deny"', async () => {
    const id = /name="request" value="([^"]+)"/.exec(await (await fetch(authorizeUrl())).text())![1]!;
    const back = location(await post('/oauth/authorize', { request: id, decision: 'deny' }));
    expect([back.searchParams.get('error'), back.searchParams.get('state')]).toEqual(['access_denied', 'st-1']);
  });

  it('redirects at once with oauthAutoApprove', async () => {
    expect(await code()).toMatch(/^code-/);
  });

  it('never redirects for an unknown client or an unregistered redirect URI', async () => {
    const bad: Record<string, string>[] = [{ client_id: 'someone-else' }, { redirect_uri: 'https://evil.example/' }, { redirect_uri: 'https://x.chromiumapp.org.evil.example/' }];
    for (const over of bad) {
      const res = await fetch(authorizeUrl(over), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    sb.oauth.knobs.oauthRedirectUris = ['https://only-this.chromiumapp.org/'];
    expect((await fetch(authorizeUrl(), { redirect: 'manual' })).status).toBe(400);
    sb.oauth.knobs.oauthRedirectUris = [REDIRECT];
    sb.oauth.knobs.oauthAutoApprove = true;
    expect((await fetch(authorizeUrl(), { redirect: 'manual' })).status).toBe(302);
  });

  it('requires PKCE with S256, answering by redirect', async () => {
    sb.oauth.knobs.oauthAutoApprove = true;
    const bad: Record<string, string | null>[] = [{ code_challenge: null }, { code_challenge_method: 'plain' }, { code_challenge_method: null }];
    for (const over of bad) {
      const back = location(await fetch(authorizeUrl(over), { redirect: 'manual' }));
      expect(back.searchParams.get('error')).toBe('invalid_request');
      expect(back.searchParams.get('code')).toBeNull();
    }
    expect(location(await fetch(authorizeUrl({ response_type: 'token' }), { redirect: 'manual' })).searchParams.get('error')).toBe('unsupported_response_type');
  });
});

describe('controls', () => {
  it('set knobs over HTTP, refusing unknown ones and bad values; reset restores them', async () => {
    const set = (patch: unknown) => fetch(`${sb.origin}/__sandbox/oauth/knobs`, { method: 'POST', body: JSON.stringify(patch) });
    expect(await (await set({ oauthAutoApprove: true, oauthAccessTokenSeconds: 5 })).json()).toMatchObject({ oauthAutoApprove: true, oauthAccessTokenSeconds: 5 });
    expect((await set({ oauthAutoAprove: true })).status).toBe(400);
    expect((await set({ oauthAccessTokenSeconds: 0 })).status).toBe(400);
    expect((await set({ oauthDiscovery: 'sometimes' })).status).toBe(400);
    sb.reset();
    expect(sb.oauth.knobs).toMatchObject({ oauthAutoApprove: false, oauthAccessTokenSeconds: 3600 });
  });

  it('revoke every refresh token over HTTP, and are not logged', async () => {
    await signIn();
    sb.clearLog();
    const res = await fetch(`${sb.origin}/__sandbox/oauth/revoke`, { method: 'POST', body: '{}' });
    expect((await res.json()).revoked).toBeGreaterThanOrEqual(1);
    expect(sb.oauth.tokens.counts().refreshTokens).toBe(0);
    expect(sb.log).toEqual([]);
  });
});
