import { describe, expect, it, vi } from 'vitest';
import { discover } from '../../../src/oauth/discovery';
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

describe('discover', () => {
  it('reads the RFC 8414 document when there is one, without cookies or redirects', async () => {
    const net = serving({ [`${ISSUER}/.well-known/oauth-authorization-server`]: doc() });
    expect(await discover(ISSUER, net.fetch)).toMatchObject({
      issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token`, revocation_endpoint: `${ISSUER}/revoke`,
    });
    expect(net.asked).toHaveLength(1);
    expect(net.inits[0]).toMatchObject({ credentials: 'omit', redirect: 'error' });
  });

  it('falls back to openid-configuration when the RFC 8414 place answers 404', async () => {
    const net = serving({ [`${ISSUER}/.well-known/openid-configuration`]: doc(ISSUER, { userinfo_endpoint: `${ISSUER}/me` }) });
    expect(await discover(ISSUER, net.fetch)).toMatchObject({ token_endpoint: `${ISSUER}/token`, userinfo_endpoint: `${ISSUER}/me` });
    expect(net.asked).toEqual([`${ISSUER}/.well-known/oauth-authorization-server`, `${ISSUER}/.well-known/openid-configuration`]);
  });

  it('looks for a path issuer where each spec puts it', async () => {
    const issuer = `${ISSUER}/oauth2/default`;
    const net = serving({ [`${issuer}/.well-known/openid-configuration`]: doc(issuer) });
    expect((await discover(issuer, net.fetch)).issuer).toBe(issuer);
    expect(net.asked).toEqual([`${ISSUER}/.well-known/oauth-authorization-server/oauth2/default`, `${issuer}/.well-known/openid-configuration`]);
  });

  it('keeps the registration endpoint it advertises, and drops optional endpoints on plain http', async () => {
    const net = serving({ [`${ISSUER}/.well-known/oauth-authorization-server`]: doc(ISSUER, { registration_endpoint: `${ISSUER}/register`, userinfo_endpoint: 'http://login.acme.com/me' }) });
    const as = await discover(ISSUER, net.fetch);
    expect(as.registration_endpoint).toBe(`${ISSUER}/register`);
    expect(as).not.toHaveProperty('userinfo_endpoint');
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
    // oauth4webapi allows plain http only where we say so: a server on this computer.
    expect((await failure(discover('http://login.acme.com', serving({}).fetch))).kind).toBe('invalid-config');
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
