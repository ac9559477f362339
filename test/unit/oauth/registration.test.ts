import { describe, expect, it, vi } from 'vitest';
import { OAuthError } from '../../../src/oauth/errors';
import { registerClient } from '../../../src/oauth/registration';

const ISSUER = 'https://acme-be.glean.com';
const AS = { issuer: ISSUER, authorization_endpoint: `${ISSUER}/oauth/authorize`, token_endpoint: `${ISSUER}/oauth/token`, registration_endpoint: `${ISSUER}/oauth/register` };
const REDIRECT = 'https://abcdef.chromiumapp.org/';

/** A registration endpoint answering `response`; records what was sent. */
function answering(response: () => Response) {
  const bodies: Record<string, unknown>[] = [];
  const inits: RequestInit[] = [];
  const fetchFn = vi.fn(async (_input: RequestInfo | URL, init: RequestInit = {}) => {
    inits.push(init);
    bodies.push(JSON.parse(String(init.body)) as Record<string, unknown>);
    return response();
  }) as unknown as typeof fetch;
  return { fetch: fetchFn, bodies, inits };
}

async function failure(p: Promise<unknown>): Promise<OAuthError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof OAuthError)) throw new Error(`expected an OAuthError, got ${String(e)}`);
  return e;
}

const created = (extra: object = {}) => Response.json({ client_id: 'dcr-1', token_endpoint_auth_method: 'none', ...extra }, { status: 201 });

describe('registerClient', () => {
  it('registers a public client with PKCE’s code flow and this browser’s redirect URL', async () => {
    const net = answering(() => created({ scope: 'openid email' }));
    expect(await registerClient(AS, REDIRECT, 'openid email profile offline_access', net.fetch)).toEqual({ clientId: 'dcr-1', scope: 'openid email' });
    expect(net.bodies[0]).toEqual({
      redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
      client_name: 'Glean Images', application_type: 'native', scope: 'openid email profile offline_access',
    });
    expect(net.inits[0]).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'error' });
  });

  it('says self-registration is not offered when no registration endpoint is advertised, asking nothing', async () => {
    const net = answering(() => created());
    const { registration_endpoint: _gone, ...without } = AS;
    const e = await failure(registerClient(without, REDIRECT, 'openid', net.fetch));
    expect(e.kind).toBe('registration-unavailable');
    expect(e.message).toContain(ISSUER);
    expect(net.bodies).toEqual([]);
  });

  it('words each refusal: the tenant’s reason, the redirect URL not allowed, a client that would need a secret', async () => {
    const policy = await failure(registerClient(AS, REDIRECT, 'openid', answering(() => Response.json({ error: 'access_denied', error_description: 'only approved clients' }, { status: 403 })).fetch));
    expect([policy.kind, policy.message]).toEqual(['registration-refused', expect.stringContaining('only approved clients')]);
    const redirect = await failure(registerClient(AS, REDIRECT, 'openid', answering(() => Response.json({ error: 'invalid_redirect_uri', error_description: 'not allowed' }, { status: 400 })).fetch));
    expect([redirect.kind, redirect.redirectUrl, redirect.message]).toEqual(['redirect-not-allowed', REDIRECT, expect.stringContaining(REDIRECT)]);
    const secret = await failure(registerClient(AS, REDIRECT, 'openid', answering(() => created({ token_endpoint_auth_method: 'client_secret_basic', client_secret: 's', client_secret_expires_at: 0 })).fetch));
    expect(secret.kind).toBe('registration-refused');
  });

  it('tells an outage (try later) from a refusal, and nonsense from both', async () => {
    expect((await failure(registerClient(AS, REDIRECT, 'openid', answering(() => new Response('', { status: 503 })).fetch))).kind).toBe('unavailable');
    expect((await failure(registerClient(AS, REDIRECT, 'openid', answering(() => new Response('', { status: 404 })).fetch))).kind).toBe('registration-refused');
    expect((await failure(registerClient(AS, REDIRECT, 'openid', answering(() => Response.json({ nothing: true }, { status: 201 })).fetch))).kind).toBe('bad-response');
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect((await failure(registerClient(AS, REDIRECT, 'openid', down))).kind).toBe('unavailable');
  });
});
