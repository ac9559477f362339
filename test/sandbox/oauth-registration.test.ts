/** The sandbox as a Glean instance: its own server's DCR knobs, and the external provider's header rule. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matchesPattern } from './oauth-registration.js';
import { SANDBOX_CLIENT_ID, startSandbox, type Sandbox } from './server.js';
import { REDIRECT, VERIFIER, challengeOf, oauthSteps } from './oauth-test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const { exchange, alice } = oauthSteps(() => sb);
const metadata = async (origin = sb.origin) => (await (await fetch(`${origin}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
const register = (body: unknown) =>
  fetch(`${sb.origin}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const PUBLIC_CLIENT = { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], client_name: 'Glean Images' };

/** A code for `clientId`, approved at once. */
async function codeFor(origin: string, clientId: string, scope = 'openid offline_access'): Promise<URL> {
  const url = new URL(`${origin}/oauth/authorize`);
  const params = { response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, scope, state: 's', code_challenge: challengeOf(VERIFIER), code_challenge_method: 'S256' };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('Dynamic Client Registration', () => {
  beforeEach(() => {
    sb.oauth.knobs.oauthAutoApprove = true;
  });

  it('is advertised at the backend origin, and registers a public client that then signs in', async () => {
    expect(await metadata()).toMatchObject({ issuer: sb.origin, registration_endpoint: `${sb.origin}/oauth/register`, authorization_response_iss_parameter_supported: true });
    const res = await register(PUBLIC_CLIENT);
    expect(res.status).toBe(201);
    const client = (await res.json()) as { client_id: string; scope: string; token_endpoint_auth_method: string };
    expect(client).toMatchObject({ client_id: expect.stringMatching(/^dcr-/), token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT] });
    const back = await codeFor(sb.origin, client.client_id);
    expect(back.searchParams.get('iss')).toBe(sb.origin);
    const tokens = await exchange(back.searchParams.get('code')!, { client_id: client.client_id });
    expect(tokens.status).toBe(200);
    expect(sb.oauth.clients.list().map((c) => c.clientId)).toEqual([client.client_id]);
  });

  it('gives self-registered clients a restricted scope set', async () => {
    const client = (await (await register({ ...PUBLIC_CLIENT, scope: 'openid email admin' })).json()) as { client_id: string; scope: string };
    expect(client.scope).toBe('openid email');
    const back = await codeFor(sb.origin, client.client_id, 'openid admin');
    expect(back.searchParams.get('error')).toBe('invalid_scope');
  });

  it('refuses a confidential client and a redirect URI that is not an extension’s', async () => {
    expect(await (await register({ ...PUBLIC_CLIENT, token_endpoint_auth_method: 'client_secret_basic' })).json()).toMatchObject({ error: 'invalid_client_metadata' });
    expect(await (await register({ ...PUBLIC_CLIENT, redirect_uris: ['https://evil.example/cb'] })).json()).toMatchObject({ error: 'invalid_redirect_uri' });
  });

  it('with "patterns", allows only redirect URIs that match one', async () => {
    sb.oauth.knobs.oauthRegistration = 'patterns';
    sb.oauth.knobs.oauthRegistrationPatterns = ['https://*.extensions.allizom.org/*'];
    const refused = await register(PUBLIC_CLIENT);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_redirect_uri', error_description: expect.stringContaining(REDIRECT) });
    sb.oauth.knobs.oauthRegistrationPatterns = ['https://*.chromiumapp.org/*'];
    expect((await register(PUBLIC_CLIENT)).status).toBe(201);
  });

  it('with "refuse", answers 403 with the tenant’s reason', async () => {
    sb.oauth.knobs.oauthRegistration = 'refuse';
    const res = await register(PUBLIC_CLIENT);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'access_denied', error_description: sb.oauth.knobs.oauthRegistrationRefusal });
  });

  it('with "not-advertised", has no registration_endpoint and no endpoint', async () => {
    sb.oauth.knobs.oauthRegistration = 'not-advertised';
    expect(await metadata()).not.toHaveProperty('registration_endpoint');
    expect((await register(PUBLIC_CLIENT)).status).toBe(404);
  });

  it('matches patterns with * as any run of characters, nothing else special', () => {
    expect(matchesPattern('https://abc.chromiumapp.org/', 'https://*.chromiumapp.org/*')).toBe(true);
    expect(matchesPattern('https://abc.chromiumapp.org.evil/', 'https://*.chromiumapp.org/*')).toBe(false);
    expect(matchesPattern('https://abcXchromiumapp.org/', 'https://*.chromiumapp.org/*')).toBe(false);
  });
});

describe('the external provider', () => {
  it('is another origin, offers no registration, and its tokens need X-Glean-Auth-Type: OAUTH', async () => {
    sb.external.oauth.knobs.oauthAutoApprove = true;
    expect(sb.external.origin).not.toBe(sb.origin);
    const meta = await metadata(sb.external.origin);
    expect(meta).toMatchObject({ issuer: sb.external.origin });
    expect(meta).not.toHaveProperty('registration_endpoint');
    const back = await codeFor(sb.external.origin, SANDBOX_CLIENT_ID);
    expect(back.searchParams.get('iss')).toBe(sb.external.origin);
    const res = await fetch(`${sb.external.origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, redirect_uri: REDIRECT, client_id: SANDBOX_CLIENT_ID, code_verifier: VERIFIER }),
    });
    const { access_token } = (await res.json()) as { access_token: string };
    expect((await alice(access_token, {})).status).toBe(401);
    expect((await alice(access_token, { 'x-glean-auth-type': 'OAUTH' })).status).toBe(200);
    expect(sb.log.some((r) => r.path === '/oauth/token' && r.headers.host === new URL(sb.external.origin).host)).toBe(true);
  });
});
