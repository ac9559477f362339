/** The sandbox OAuth server: the token endpoint (PKCE, redirect, client), lifetimes, rotation, revocation. */
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SANDBOX_CLIENT_ID, startSandbox, type Sandbox } from './server.js';
import { VERIFIER, oauthSteps } from './oauth-test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const { code, post, exchange, refresh, alice, signIn } = oauthSteps(() => sb);

describe('token endpoint', () => {
  it('exchanges a code with the right verifier for tokens and an RS256 ID token with name, e-mail and the nonce', async () => {
    const tokens = await signIn({ nonce: 'n-0S6_WzA2Mj' });
    expect(tokens).toMatchObject({ expires_in: 3600, access_token: expect.stringMatching(/^sbx-at-/), refresh_token: expect.stringMatching(/^sbx-rt-/) });
    const [header, payload, signature] = tokens.id_token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({ iss: sb.origin, aud: SANDBOX_CLIENT_ID, name: 'Alice Example', email: 'alice@example.com', nonce: 'n-0S6_WzA2Mj' });
    const { keys } = (await (await fetch(`${sb.origin}/oauth/jwks`)).json()) as { keys: import("node:crypto").JsonWebKey[] };
    const key = createPublicKey({ key: keys[0]!, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature!, 'base64url'))).toBe(true);
  });

  it('refuses a wrong verifier, another redirect_uri, another client, and a used code', async () => {
    expect(await (await exchange(await code(), { code_verifier: `${VERIFIER}x` })).json()).toMatchObject({ error: 'invalid_grant' });
    expect(await (await exchange(await code(), { redirect_uri: 'https://other.chromiumapp.org/' })).json()).toMatchObject({ error: 'invalid_grant' });
    const wrongClient = await exchange(await code(), { client_id: 'other' });
    expect([wrongClient.status, (await wrongClient.json()).error]).toEqual([401, 'invalid_client']);
    const once = await code();
    expect((await exchange(once)).status).toBe(200);
    expect((await exchange(once)).status).toBe(400);
  });

  it('gives no refresh token without offline_access, and no ID token without openid', async () => {
    const body = await (await exchange(await code({ scope: 'email' }))).json();
    expect(body.refresh_token).toBeUndefined();
    expect(body.id_token).toBeUndefined();
  });

  it('answers 503 while oauthTokenErrorCount lasts', async () => {
    sb.oauth.knobs.oauthTokenErrorCount = 1;
    const c = await code();
    expect((await exchange(c)).status).toBe(503);
  });

  it('wants the parameters form-encoded', async () => {
    const res = await fetch(`${sb.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });
});

describe('access tokens on the images API', () => {
  it('are known by their issuer, with or without X-Glean-Auth-Type: OAUTH, never with act-as', async () => {
    const { access_token } = await signIn();
    expect((await alice(access_token)).status).toBe(200);
    expect((await alice(access_token, {})).status).toBe(200);
    expect((await alice(access_token, { 'x-glean-auth-type': 'OAUTH', 'x-scio-actas': 'bob@example.com' })).status).toBe(400);
  });

  it('expire after oauthAccessTokenSeconds', async () => {
    sb.oauth.knobs.oauthAccessTokenSeconds = 1;
    const { access_token, expires_in } = await signIn();
    expect(expires_in).toBe(1);
    expect((await alice(access_token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await alice(access_token)).status).toBe(401);
  });
});

describe('refresh and revocation', () => {
  it('rotates refresh tokens: the old one stops working', async () => {
    const first = await signIn();
    const next = await (await refresh(first.refresh_token)).json();
    expect(next.refresh_token).not.toBe(first.refresh_token);
    expect((await alice(next.access_token)).status).toBe(200);
    expect(await (await refresh(first.refresh_token)).json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('keeps the refresh token when rotation is off', async () => {
    sb.oauth.knobs.oauthRotateRefreshTokens = false;
    const first = await signIn();
    expect((await (await refresh(first.refresh_token)).json()).refresh_token).toBe(first.refresh_token);
    expect((await refresh(first.refresh_token)).status).toBe(200);
  });

  it('revokes a refresh token with its access tokens, over the endpoint and the test helper', async () => {
    const one = await signIn();
    expect((await post('/oauth/revoke', { token: one.refresh_token, client_id: SANDBOX_CLIENT_ID })).status).toBe(200);
    expect((await refresh(one.refresh_token)).status).toBe(400);
    expect((await alice(one.access_token)).status).toBe(401);
    const two = await signIn();
    expect(sb.oauth.tokens.revokeRefreshTokens(two.refresh_token)).toBe(1);
    expect((await alice(two.access_token)).status).toBe(401);
  });

  it('expires every access token on demand, leaving refresh tokens usable', async () => {
    const one = await signIn();
    const ended = await (await fetch(`${sb.origin}/__sandbox/oauth/expire`, { method: 'POST' })).json();
    expect(ended.expired).toBeGreaterThanOrEqual(1);
    expect((await alice(one.access_token)).status).toBe(401);
    expect((await refresh(one.refresh_token)).status).toBe(200);
  });

  it('answers userinfo for a live access token only', async () => {
    const { access_token } = await signIn();
    const ok = await fetch(`${sb.origin}/oauth/userinfo`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(await ok.json()).toEqual({ sub: 'alice', name: 'Alice Example', email: 'alice@example.com' });
    expect((await fetch(`${sb.origin}/oauth/userinfo`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });
});
