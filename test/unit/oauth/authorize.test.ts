import { describe, expect, it } from 'vitest';
import { authorizationUrl, codeFromRedirect } from '../../../src/oauth/authorize';
import { OAuthError } from '../../../src/oauth/errors';

const REDIRECT = 'https://abcdef.chromiumapp.org/';
const ISSUER = 'https://login.acme.com';
const expected = { state: 'state-123', redirectUri: REDIRECT, issuer: ISSUER };
const answer = (params: Record<string, string>) => `${REDIRECT}?${new URLSearchParams(params)}`;

function refusal(run: () => unknown): OAuthError {
  try {
    run();
  } catch (e) {
    if (e instanceof OAuthError) return e;
    throw e;
  }
  throw new Error('expected an OAuthError');
}

describe('authorizationUrl', () => {
  it('asks for a code with PKCE S256, keeping the endpoint’s own query', () => {
    const url = new URL(authorizationUrl(`${ISSUER}/authorize?tenant=acme`, { clientId: 'c-1', redirectUri: REDIRECT, scopes: 'openid email', state: 's', codeChallenge: 'ch' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'acme', response_type: 'code', client_id: 'c-1', redirect_uri: REDIRECT, scope: 'openid email', state: 's', code_challenge: 'ch', code_challenge_method: 'S256',
    });
  });
});

describe('codeFromRedirect', () => {
  it('returns the code of an answer to our request', () => {
    expect(codeFromRedirect(answer({ code: 'c0de', state: 'state-123', iss: ISSUER }), expected)).toBe('c0de');
    expect(codeFromRedirect(answer({ code: 'c0de', state: 'state-123' }), expected)).toBe('c0de');
  });

  it('refuses an answer whose state differs or is missing, even with a code', () => {
    const forged: Record<string, string>[] = [{ code: 'c0de', state: 'state-456' }, { code: 'c0de' }, { error: 'access_denied', state: 'other' }];
    for (const params of forged) {
      const e = refusal(() => codeFromRedirect(answer(params), expected));
      expect(e.kind).toBe('mismatch');
      expect(e.message).toMatch(/state/);
    }
  });

  it('refuses an answer from another issuer (RFC 9207) or on another address', () => {
    expect(refusal(() => codeFromRedirect(answer({ code: 'c', state: 'state-123', iss: 'https://evil.example' }), expected)).kind).toBe('mismatch');
    expect(refusal(() => codeFromRedirect(`https://evil.example/?code=c&state=state-123`, expected)).kind).toBe('mismatch');
  });

  it('tells a declined sign-in from a server error, and a closed window from no code', () => {
    expect(refusal(() => codeFromRedirect(answer({ error: 'access_denied', state: 'state-123' }), expected)).kind).toBe('cancelled');
    const e = refusal(() => codeFromRedirect(answer({ error: 'invalid_scope', error_description: 'no such scope', state: 'state-123' }), expected));
    expect([e.kind, e.code]).toEqual(['refused', 'invalid_scope']);
    expect(e.message).toContain('no such scope');
    expect(refusal(() => codeFromRedirect(undefined, expected)).kind).toBe('cancelled');
    expect(refusal(() => codeFromRedirect(answer({ state: 'state-123' }), expected)).kind).toBe('bad-response');
  });
});
