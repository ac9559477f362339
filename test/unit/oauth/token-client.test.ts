import { validateAuthResponse } from 'oauth4webapi';
import { describe, expect, it, vi } from 'vitest';
import { OAuthError } from '../../../src/oauth/errors';
import { accountName } from '../../../src/oauth/id-token';
import { exchangeCode, refreshTokens, revokeToken } from '../../../src/oauth/token-client';

const ISSUER = 'https://login.acme.com';
const AS = { issuer: ISSUER, token_endpoint: `${ISSUER}/token`, revocation_endpoint: `${ISSUER}/revoke` };
/** Callback parameters as checked by oauth4webapi (only those may be redeemed). */
const callback = (code = 'c') => validateAuthResponse(AS, { client_id: 'cid' }, new URLSearchParams({ code, state: 's' }), 's');
/** An ID token as oauth4webapi reads it (the signature is the TLS connection's to vouch for). */
const idToken = (claims: object) => {
  const now = Math.floor(Date.now() / 1000);
  const body = { iss: ISSUER, aud: 'cid', sub: 'alice', iat: now, exp: now + 600, ...claims };
  return `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.c2ln`;
};

/** A fetch that answers `response` and records the form it was sent. */
function answering(response: () => Response) {
  const forms: URLSearchParams[] = [];
  const inits: RequestInit[] = [];
  const fetchFn = vi.fn(async (_input: RequestInfo | URL, init: RequestInit = {}) => {
    inits.push(init);
    forms.push(new URLSearchParams(String(init.body)));
    return response();
  }) as unknown as typeof fetch;
  return { fetch: fetchFn, forms, inits };
}

async function failure(p: Promise<unknown>): Promise<OAuthError> {
  const e = await p.then(() => null, (err: unknown) => err);
  if (!(e instanceof OAuthError)) throw new Error(`expected an OAuthError, got ${String(e)}`);
  return e;
}

describe('exchangeCode', () => {
  it('posts the code and verifier as a public client (no secret), reads the tokens and the checked ID token', async () => {
    const net = answering(() => Response.json({ access_token: 'at', refresh_token: 'rt', token_type: 'bearer', expires_in: 300, id_token: idToken({ name: 'Alice', nonce: 'n-1' }) }));
    const tokens = await exchangeCode(AS, { callback: callback(), verifier: 'v', clientId: 'cid', redirectUri: 'https://r.chromiumapp.org/', nonce: 'n-1' }, net.fetch, 1000);
    expect(tokens).toMatchObject({ accessToken: 'at', refreshToken: 'rt', issuedAt: 1000, expiresAt: 301_000, claims: { name: 'Alice', nonce: 'n-1' } });
    expect(Object.fromEntries(net.forms[0]!)).toEqual({ grant_type: 'authorization_code', code: 'c', redirect_uri: 'https://r.chromiumapp.org/', client_id: 'cid', code_verifier: 'v' });
    expect(net.inits[0]).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'error' });
  });

  it('refuses an ID token with another nonce, for another client, or from another issuer', async () => {
    const args = [AS, { callback: callback(), verifier: 'v', clientId: 'cid', redirectUri: 'r', nonce: 'n-1' }] as const;
    for (const claims of [{ nonce: 'n-2' }, {}, { nonce: 'n-1', aud: 'other' }, { nonce: 'n-1', iss: 'https://evil.example' }]) {
      const net = answering(() => Response.json({ access_token: 'at', token_type: 'bearer', id_token: idToken(claims) }));
      expect((await failure(exchangeCode(...args, net.fetch))).kind).toBe('bad-response');
    }
    const none = answering(() => Response.json({ access_token: 'at', token_type: 'bearer' }));
    expect((await failure(exchangeCode(...args, none.fetch))).kind).toBe('bad-response');
  });

  it('tells a refusal (sign in again) from an outage (try later) and from nonsense', async () => {
    const args = [AS, { callback: callback(), verifier: 'v', clientId: 'cid', redirectUri: 'r' }] as const;
    const refused = await failure(exchangeCode(...args, answering(() => Response.json({ error: 'invalid_grant', error_description: 'code used' }, { status: 400 })).fetch));
    expect([refused.kind, refused.code]).toEqual(['refused', 'invalid_grant']);
    expect(refused.message).toContain('code used');
    expect((await failure(exchangeCode(...args, answering(() => new Response('', { status: 503 })).fetch))).kind).toBe('unavailable');
    expect((await failure(exchangeCode(...args, answering(() => Response.json({ token_type: 'bearer' })).fetch))).kind).toBe('bad-response');
    expect((await failure(exchangeCode(...args, answering(() => Response.json({ access_token: 'a', token_type: 'mac' })).fetch))).kind).toBe('bad-response');
  });
});

describe('refreshTokens', () => {
  it('sends the refresh grant and keeps the old refresh token when no new one comes', async () => {
    const net = answering(() => Response.json({ access_token: 'at2', token_type: 'Bearer', expires_in: 60 }));
    const tokens = await refreshTokens(AS, { refreshToken: 'rt1', clientId: 'cid' }, net.fetch, 0);
    expect(tokens).toEqual({ accessToken: 'at2', refreshToken: 'rt1', issuedAt: 0, expiresAt: 60_000 });
    expect(Object.fromEntries(net.forms[0]!)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt1', client_id: 'cid' });
  });

  it('takes a rotated refresh token', async () => {
    const net = answering(() => Response.json({ access_token: 'at2', token_type: 'bearer', refresh_token: 'rt2' }));
    expect((await refreshTokens(AS, { refreshToken: 'rt1', clientId: 'cid' }, net.fetch)).refreshToken).toBe('rt2');
  });
});

describe('revokeToken', () => {
  it('posts the token with its hint, and never throws', async () => {
    const net = answering(() => new Response('', { status: 200 }));
    expect(await revokeToken(AS, { token: 'rt', hint: 'refresh_token', clientId: 'cid' }, net.fetch)).toBe(true);
    expect(Object.fromEntries(net.forms[0]!)).toEqual({ token: 'rt', token_type_hint: 'refresh_token', client_id: 'cid' });
    const down = vi.fn(async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    expect(await revokeToken(AS, { token: 'rt', hint: 'refresh_token', clientId: 'cid' }, down)).toBe(false);
    expect(await revokeToken({ issuer: ISSUER }, { token: 'rt', hint: 'refresh_token', clientId: 'cid' }, net.fetch)).toBe(false);
  });
});

describe('ID token claims', () => {
  it('shows the name, else the e-mail, else the user name', () => {
    expect(accountName({ name: 'Alice', email: 'a@acme.com' })).toBe('Alice');
    expect(accountName({ name: ' ', email: 'a@acme.com' })).toBe('a@acme.com');
    expect(accountName({ preferred_username: 'alice' })).toBe('alice');
    expect(accountName({ sub: '42' })).toBeUndefined();
  });
});
