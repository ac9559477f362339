// The one-step sign-in against the real sandbox (in this process): discovery at the backend's
// origin, Dynamic Client Registration, PKCE, nonce and issuer checks by oauth4webapi, and each way
// self-registration can be refused, worded; then the headers each kind of token goes out with.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { credentialsChanged } from '../../../src/background/credentials';
import { configuredClient } from '../../../src/background/gated-client';
import { signIn, type SignInDeps } from '../../../src/background/oauth-sign-in';
import { forgetHeldTokens } from '../../../src/background/oauth-tokens';
import { loadRegistration } from '../../../src/db/oauth-registrations';
import { loadSession } from '../../../src/db/oauth-session';
import { loadSettings } from '../../../src/db/settings';
import { toErrorInfo } from '../../../src/glean/errors';
import { isOAuthError, OAuthError } from '../../../src/oauth/errors';
import { RateGate } from '../../../src/queue/rate-gate';
import { SANDBOX_CLIENT_ID, startSandbox, type Sandbox } from '../../../test/sandbox/server';
import { resetDb } from '../db/reset-db';

const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  forgetHeldTokens();
  sb.reset();
  sb.oauth.knobs.oauthAutoApprove = true;
  sb.external.oauth.knobs.oauthAutoApprove = true;
  launch.mockClear();
});

/** The sign-in window: follows the authorization URL to where the server sends the browser back. */
const launch = vi.fn(async (url: string) => {
  const res = await fetch(url, { redirect: 'manual' });
  return res.headers.get('location') ?? undefined;
});
const deps: SignInDeps = { fetch: (i, init) => fetch(i, init), launch, redirectUri: () => REDIRECT, now: Date.now };
const glean = (over: { clientId?: string } = {}) => ({ backend: sb.origin, userId: 'alice', provider: 'glean', issuer: '', clientId: '', scopes: '', ...over }) as const;
const paths = () => sb.log.map((r) => `${r.method} ${r.path}`);

async function failure(p: Promise<unknown>): Promise<OAuthError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!isOAuthError(e)) throw new Error(`expected an OAuthError, got ${String(e)}`);
  return e;
}

describe('one-step sign-in with Glean', () => {
  it('discovers the backend’s own server, registers a public client, signs in with PKCE and a nonce', async () => {
    await signIn(glean(), deps);
    expect(paths()).toEqual(['GET /.well-known/oauth-authorization-server', 'POST /oauth/register', 'GET /oauth/authorize', 'POST /oauth/token']);
    const [client] = sb.oauth.clients.list();
    expect(client).toMatchObject({ redirectUris: [REDIRECT] });
    const asked = sb.log.find((r) => r.path === '/oauth/authorize')!.query;
    expect(asked).toMatchObject({ client_id: client!.clientId, code_challenge_method: 'S256', redirect_uri: REDIRECT, nonce: expect.stringMatching(/^\S{43}$/) });
    expect(await loadSettings()).toMatchObject({ authMethod: 'oauth', oauth: { issuer: sb.origin, clientId: '', provider: 'glean' } });
    expect(await loadSession()).toMatchObject({ issuer: sb.origin, clientId: client!.clientId, account: 'Alice Example' });
    expect(await loadRegistration(sb.origin, REDIRECT)).toMatchObject({ clientId: client!.clientId });
  });

  it('reuses its registration for the next sign-in', async () => {
    await signIn(glean(), deps);
    sb.clearLog();
    await signIn(glean(), deps);
    expect(paths()).not.toContain('POST /oauth/register');
    expect(sb.oauth.clients.list()).toHaveLength(1);
  });

  it('sends a Glean-issued token without X-Glean-Auth-Type, and Glean takes it', async () => {
    await signIn(glean(), deps);
    await credentialsChanged();
    const image = await (await configuredClient(new RateGate())).getImage({ type: 'USER', id: 'alice' });
    expect(image.contentType).toMatch(/^image\//);
    const call = sb.log.find((r) => r.path === '/rest/api/v1/images')!;
    expect([call.status, call.headers['x-glean-auth-type'], call.headers.authorization]).toEqual([200, undefined, expect.stringMatching(/^Bearer sbx-at-/)]);
  });

  it('registers anew after the server forgot a kept registration and the sign-in window was closed on its error', async () => {
    await signIn(glean(), deps);
    sb.oauth.clients.clear();
    // The sign-in page shows "Unknown client" (no redirect back): the window is closed by hand.
    expect((await failure(signIn(glean(), deps))).kind).toBe('cancelled');
    expect(await loadRegistration(sb.origin, REDIRECT)).toBeUndefined();
    sb.clearLog();
    await signIn(glean(), deps);
    expect(paths()).toContain('POST /oauth/register');
  });

  it('uses the client ID an admin created, without registering', async () => {
    await signIn(glean({ clientId: SANDBOX_CLIENT_ID }), deps);
    expect(paths()).not.toContain('POST /oauth/register');
    expect(await loadSession()).toMatchObject({ clientId: SANDBOX_CLIENT_ID });
  });
});

describe('when self-registration is not possible', () => {
  it('says the instance does not offer it', async () => {
    sb.oauth.knobs.oauthRegistration = 'not-advertised';
    const e = await failure(signIn(glean(), deps));
    expect([e.kind, toErrorInfo(e).kind]).toEqual(['registration-unavailable', 'oauth-registration-unavailable']);
    expect(e.message).toMatch(/does not offer self-registration/);
    expect(launch).not.toHaveBeenCalled();
  });

  it('gives the tenant’s reason for a refusal', async () => {
    sb.oauth.knobs.oauthRegistration = 'refuse';
    const e = await failure(signIn(glean(), deps));
    expect(e.kind).toBe('registration-refused');
    expect(e.message).toContain(sb.oauth.knobs.oauthRegistrationRefusal);
  });

  it('names the redirect URL the tenant’s patterns do not allow, for the admin', async () => {
    sb.oauth.knobs.oauthRegistration = 'patterns';
    sb.oauth.knobs.oauthRegistrationPatterns = ['https://*.extensions.allizom.org/*'];
    const e = await failure(signIn(glean(), deps));
    expect([e.kind, e.redirectUrl]).toEqual(['redirect-not-allowed', REDIRECT]);
    expect(toErrorInfo(e)).toMatchObject({ kind: 'oauth-redirect-not-allowed', redirectUrl: REDIRECT });
    expect(await loadRegistration(sb.origin, REDIRECT)).toBeUndefined();
  });
});

describe('an external identity provider', () => {
  it('signs in at its own origin, and its token goes out with X-Glean-Auth-Type: OAUTH', async () => {
    await signIn({ backend: sb.origin, userId: 'alice', provider: 'external', issuer: sb.external.origin, clientId: SANDBOX_CLIENT_ID, scopes: '' }, deps);
    expect(await loadSettings()).toMatchObject({ oauth: { issuer: sb.external.origin, provider: 'external' } });
    await credentialsChanged();
    await (await configuredClient(new RateGate())).getImage({ type: 'USER', id: 'alice' });
    const call = sb.log.find((r) => r.path === '/rest/api/v1/images')!;
    expect([call.status, call.headers['x-glean-auth-type']]).toEqual([200, 'OAUTH']);
  });
});
