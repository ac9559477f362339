import { describe, expect, it, vi } from 'vitest';
import { discover, discoveryUrls } from '../../../src/oauth/discovery';
import { OAuthError } from '../../../src/oauth/errors';

const ISSUER = 'https://login.acme.com';
const doc = (issuer = ISSUER, extra: Record<string, unknown> = {}) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  revocation_endpoint: `${issuer}/revoke`,
  code_challenge_methods_supported: ['S256'],
  ...extra,
});

/** A fetch answering JSON at the given URLs and 404 elsewhere; records every URL asked. */
function serving(documents: Record<string, unknown>) {
  const asked: string[] = [];
  const inits: RequestInit[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    asked.push(String(input));
    inits.push(init);
    const body = documents[String(input)];
    return body === undefined ? new Response('nope', { status: 404 }) : Response.json(body);
  }) as unknown as typeof fetch;
  return { fetch: fetchFn, asked, inits };
}

async function failure(p: Promise<unknown>): Promise<OAuthError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof OAuthError)) throw new Error(`expected an OAuthError, got ${String(e)}`);
  return e;
}

describe('discoveryUrls', () => {
  it('tries RFC 8414 first, then OpenID Connect; for a path issuer in the places each spec puts it', () => {
    expect(discoveryUrls(ISSUER)).toEqual([`${ISSUER}/.well-known/oauth-authorization-server`, `${ISSUER}/.well-known/openid-configuration`]);
    expect(discoveryUrls(`${ISSUER}/oauth2/default/`)).toEqual([
      `${ISSUER}/.well-known/oauth-authorization-server/oauth2/default`,
      `${ISSUER}/oauth2/default/.well-known/openid-configuration`,
      `${ISSUER}/.well-known/openid-configuration/oauth2/default`,
    ]);
  });
});

describe('discover', () => {
  it('reads the RFC 8414 document when there is one, without cookies or redirects', async () => {
    const net = serving({ [`${ISSUER}/.well-known/oauth-authorization-server`]: doc() });
    expect(await discover(ISSUER, net.fetch)).toEqual({
      issuer: ISSUER, authorizationEndpoint: `${ISSUER}/authorize`, tokenEndpoint: `${ISSUER}/token`, revocationEndpoint: `${ISSUER}/revoke`,
    });
    expect(net.asked).toHaveLength(1);
    expect(net.inits[0]).toMatchObject({ credentials: 'omit', redirect: 'error' });
  });

  it('falls back to openid-configuration when the RFC 8414 place answers 404', async () => {
    const net = serving({ [`${ISSUER}/.well-known/openid-configuration`]: doc(ISSUER, { userinfo_endpoint: `${ISSUER}/me` }) });
    expect(await discover(`${ISSUER}/`, net.fetch)).toMatchObject({ tokenEndpoint: `${ISSUER}/token`, userinfoEndpoint: `${ISSUER}/me` });
    expect(net.asked).toEqual(discoveryUrls(ISSUER));
  });

  it('finds a path issuer’s OpenID document at the RFC 8414 §5 place last', async () => {
    const issuer = `${ISSUER}/tenant`;
    const net = serving({ [`${ISSUER}/.well-known/openid-configuration/tenant`]: doc(issuer) });
    expect((await discover(issuer, net.fetch)).issuer).toBe(issuer);
    expect(net.asked).toHaveLength(3);
  });

  it('says where it looked when no document exists', async () => {
    const e = await failure(discover(ISSUER, serving({}).fetch));
    expect(e.kind).toBe('discovery');
    expect(e.message).toContain(`${ISSUER}/.well-known/openid-configuration (404)`);
  });

  it('refuses a document for another issuer, plain-http endpoints, and servers without S256', async () => {
    const at = `${ISSUER}/.well-known/oauth-authorization-server`;
    expect((await failure(discover(ISSUER, serving({ [at]: doc('https://evil.example') }).fetch))).message).toMatch(/issuer/);
    expect((await failure(discover(ISSUER, serving({ [at]: doc(ISSUER, { token_endpoint: 'http://login.acme.com/token' }) }).fetch))).message).toMatch(/token_endpoint/);
    expect((await failure(discover(ISSUER, serving({ [at]: doc(ISSUER, { code_challenge_methods_supported: ['plain'] }) }).fetch))).message).toMatch(/S256/);
    expect((await failure(discover(ISSUER, serving({ [at]: 'not an object' }).fetch))).message).toMatch(/not JSON/);
  });

  it('reports an unreachable or failing server as unavailable', async () => {
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect((await failure(discover(ISSUER, down))).kind).toBe('unavailable');
    const broken = vi.fn(async () => new Response('', { status: 502 })) as unknown as typeof fetch;
    expect((await failure(discover(ISSUER, broken))).kind).toBe('unavailable');
  });
});
