/**
 * The front-channel half of the authorization code flow, with oauth4webapi: the URL the sign-in
 * window opens (PKCE S256, state, and an OpenID nonce when an ID token is asked for), and checking
 * the redirect it ends on: ours, the same state, and the issuer (RFC 9207: required when the server
 * says it sends one, and then it must be the server asked).
 */
import * as oauth from 'oauth4webapi';
import { t } from '../i18n/t';
import { OAuthError } from './errors';
import type { ServerMetadata } from './discovery';

/** What goes into the authorization request. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string;
  state: string;
  codeChallenge: string;
  /** Sent when the scopes include `openid`; the ID token must carry it back. */
  nonce?: string;
}

/** The authorization URL (RFC 6749 §4.1.1 with PKCE S256), keeping any query the endpoint has. */
export function authorizationUrl(as: ServerMetadata, r: AuthorizationRequest): string {
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', r.clientId);
  url.searchParams.set('redirect_uri', r.redirectUri);
  url.searchParams.set('scope', r.scopes);
  url.searchParams.set('state', r.state);
  url.searchParams.set('code_challenge', r.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (r.nonce) url.searchParams.set('nonce', r.nonce);
  return url.toString();
}

/** What the redirect must match. */
export interface ExpectedAnswer {
  state: string;
  redirectUri: string;
  clientId: string;
}

const strip = (u: URL) => `${u.origin}${u.pathname}`;

/** The checked callback parameters (holding the code), or an OAuthError saying why there are none. */
export function callbackFromRedirect(as: ServerMetadata, responseUrl: string | undefined, expected: ExpectedAnswer): URLSearchParams {
  let url: URL;
  try {
    url = new URL(responseUrl ?? '');
  } catch {
    throw new OAuthError('cancelled', t('oauth_windowClosed'));
  }
  if (strip(url) !== strip(new URL(expected.redirectUri))) {
    throw new OAuthError('mismatch', t('oauth_unexpectedAddress'));
  }
  const params = url.searchParams;
  // `state` first, even for errors: an answer to another request must change nothing (RFC 6749 §10.12).
  if (params.get('state') !== expected.state) throw new OAuthError('mismatch', t('oauth_stateMismatch'));
  let checked: URLSearchParams;
  try {
    checked = oauth.validateAuthResponse(as, { client_id: expected.clientId }, params, expected.state);
  } catch (e) {
    if (e instanceof oauth.AuthorizationResponseError) {
      if (e.error === 'access_denied') throw new OAuthError('cancelled', t('oauth_declined'), e.error);
      throw new OAuthError('refused', t('oauth_refused', e.error_description || e.error), e.error);
    }
    // What is left is the issuer: missing where the server promised it, or another server's.
    const iss = params.get('iss');
    throw new OAuthError('mismatch', iss === null ? t('oauth_issuerMissing', as.issuer) : t('oauth_wrongIssuer', iss, as.issuer));
  }
  if (!checked.get('code')) throw new OAuthError('bad-response', t('oauth_noCode'));
  return checked;
}
