import type { AuthorizationServer } from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { authorizationUrl, callbackFromRedirect } from '../../../src/oauth/authorize';
import { OAuthError } from '../../../src/oauth/errors';

const REDIRECT = 'https://abcdef.chromiumapp.org/';
const ISSUER = 'https://login.acme.com';
const AS: AuthorizationServer = { issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize?tenant=acme`, token_endpoint: `${ISSUER}/token` };
/** A server that promises to name itself in every answer (RFC 9207). */
const NAMING: AuthorizationServer = { ...AS, authorization_response_iss_parameter_supported: true };
const expected = { state: 'state-123', redirectUri: REDIRECT, clientId: 'c-1' };
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
  it('asks for a code with PKCE S256 and the nonce, keeping the endpoint’s own query', () => {
    const url = new URL(authorizationUrl(AS, { clientId: 'c-1', redirectUri: REDIRECT, scopes: 'openid email', state: 's', codeChallenge: 'ch', nonce: 'n-1' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'acme', response_type: 'code', client_id: 'c-1', redirect_uri: REDIRECT, scope: 'openid email', state: 's', code_challenge: 'ch', code_challenge_method: 'S256', nonce: 'n-1',
    });
  });

  it('sends no nonce when none is asked for (no ID token)', () => {
    const url = new URL(authorizationUrl(AS, { clientId: 'c-1', redirectUri: REDIRECT, scopes: 'email', state: 's', codeChallenge: 'ch' }));
    expect(url.searchParams.has('nonce')).toBe(false);
  });
});

describe('callbackFromRedirect', () => {
  it('returns the parameters of an answer to our request, with its code', () => {
    expect(callbackFromRedirect(AS, answer({ code: 'c0de', state: 'state-123', iss: ISSUER }), expected).get('code')).toBe('c0de');
    expect(callbackFromRedirect(AS, answer({ code: 'c0de', state: 'state-123' }), expected).get('code')).toBe('c0de');
  });

  it('refuses an answer whose state differs or is missing, even with a code', () => {
    const forged: Record<string, string>[] = [{ code: 'c0de', state: 'state-456' }, { code: 'c0de' }, { error: 'access_denied', state: 'other' }];
    for (const params of forged) {
      const e = refusal(() => callbackFromRedirect(AS, answer(params), expected));
      expect(e.kind).toBe('mismatch');
      expect(e.message).toMatch(/state/);
    }
  });

  it('refuses an answer from another issuer (RFC 9207) or on another address', () => {
    const e = refusal(() => callbackFromRedirect(AS, answer({ code: 'c', state: 'state-123', iss: 'https://evil.example' }), expected));
    expect([e.kind, e.message]).toEqual(['mismatch', expect.stringContaining('https://evil.example')]);
    expect(refusal(() => callbackFromRedirect(AS, `https://evil.example/?code=c&state=state-123`, expected)).kind).toBe('mismatch');
  });

  it('requires the issuer when the server promised to send it (authorization_response_iss_parameter_supported)', () => {
    const e = refusal(() => callbackFromRedirect(NAMING, answer({ code: 'c0de', state: 'state-123' }), expected));
    expect([e.kind, e.message]).toEqual(['mismatch', expect.stringContaining(ISSUER)]);
    expect(callbackFromRedirect(NAMING, answer({ code: 'c0de', state: 'state-123', iss: ISSUER }), expected).get('code')).toBe('c0de');
  });

  it('tells a declined sign-in from a server error, and a closed window from no code', () => {
    expect(refusal(() => callbackFromRedirect(AS, answer({ error: 'access_denied', state: 'state-123' }), expected)).kind).toBe('cancelled');
    const e = refusal(() => callbackFromRedirect(AS, answer({ error: 'invalid_scope', error_description: 'no such scope', state: 'state-123' }), expected));
    expect([e.kind, e.code]).toEqual(['refused', 'invalid_scope']);
    expect(e.message).toContain('no such scope');
    expect(refusal(() => callbackFromRedirect(AS, undefined, expected)).kind).toBe('cancelled');
    expect(refusal(() => callbackFromRedirect(AS, answer({ state: 'state-123' }), expected)).kind).toBe('bad-response');
  });
});
