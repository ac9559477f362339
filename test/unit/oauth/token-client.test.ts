import { describe, expect, it, vi } from 'vitest';
import { OAuthError } from '../../../src/oauth/errors';
import { accountName, jwtClaims } from '../../../src/oauth/id-token';
import { exchangeCode, refreshTokens, revokeToken } from '../../../src/oauth/token-client';

const TOKEN_URL = 'https://login.acme.com/token';

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

const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

describe('exchangeCode', () => {
  it('posts the code and verifier as a public client (no secret) and reads the tokens', async () => {
    const net = answering(() => Response.json({ access_token: 'at', refresh_token: 'rt', token_type: 'bearer', expires_in: 300, id_token: 'x.y.z' }));
    const tokens = await exchangeCode(TOKEN_URL, { code: 'c', verifier: 'v', clientId: 'cid', redirectUri: 'https://r.chromiumapp.org/' }, net.fetch, 1000);
    expect(tokens).toEqual({ accessToken: 'at', refreshToken: 'rt', issuedAt: 1000, expiresAt: 301_000, idToken: 'x.y.z' });
    expect(Object.fromEntries(net.forms[0]!)).toEqual({ grant_type: 'authorization_code', code: 'c', redirect_uri: 'https://r.chromiumapp.org/', client_id: 'cid', code_verifier: 'v' });
    expect(net.inits[0]).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'error' });
  });

  it('tells a refusal (sign in again) from an outage (try later) and from nonsense', async () => {
    const args = [TOKEN_URL, { code: 'c', verifier: 'v', clientId: 'cid', redirectUri: 'r' }] as const;
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
    const net = answering(() => Response.json({ access_token: 'at2', expires_in: 60 }));
    const tokens = await refreshTokens(TOKEN_URL, { refreshToken: 'rt1', clientId: 'cid' }, net.fetch, 0);
    expect(tokens).toEqual({ accessToken: 'at2', refreshToken: 'rt1', issuedAt: 0, expiresAt: 60_000 });
    expect(Object.fromEntries(net.forms[0]!)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt1', client_id: 'cid' });
  });

  it('takes a rotated refresh token', async () => {
    const net = answering(() => Response.json({ access_token: 'at2', refresh_token: 'rt2' }));
    expect((await refreshTokens(TOKEN_URL, { refreshToken: 'rt1', clientId: 'cid' }, net.fetch)).refreshToken).toBe('rt2');
  });
});

describe('revokeToken', () => {
  it('posts the token with its hint, and never throws', async () => {
    const net = answering(() => new Response('', { status: 200 }));
    expect(await revokeToken('https://login.acme.com/revoke', { token: 'rt', hint: 'refresh_token', clientId: 'cid' }, net.fetch)).toBe(true);
    expect(Object.fromEntries(net.forms[0]!)).toEqual({ token: 'rt', token_type_hint: 'refresh_token', client_id: 'cid' });
    const down = vi.fn(async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    expect(await revokeToken('https://login.acme.com/revoke', { token: 'rt', hint: 'refresh_token', clientId: 'cid' }, down)).toBe(false);
  });
});

describe('ID token claims', () => {
  it('reads the payload without a signature check, UTF-8 included', () => {
    expect(jwtClaims(jwt({ name: 'Zoë Ünal', email: 'zoe@acme.com' }))).toEqual({ name: 'Zoë Ünal', email: 'zoe@acme.com' });
    expect(jwtClaims('not a jwt')).toBeUndefined();
    expect(jwtClaims('a.%%%.c')).toBeUndefined();
    expect(jwtClaims(undefined)).toBeUndefined();
  });

  it('shows the name, else the e-mail, else the user name', () => {
    expect(accountName({ name: 'Alice', email: 'a@acme.com' })).toBe('Alice');
    expect(accountName({ name: ' ', email: 'a@acme.com' })).toBe('a@acme.com');
    expect(accountName({ preferred_username: 'alice' })).toBe('alice');
    expect(accountName({ sub: '42' })).toBeUndefined();
  });
});
