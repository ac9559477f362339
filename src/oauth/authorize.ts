/**
 * The front-channel half of the authorization code flow: the URL the sign-in window opens, and
 * reading the code from the redirect it ends on, refusing answers that are not to our request.
 */
import { t } from '../i18n/t';
import { OAuthError } from './errors';

/** What goes into the authorization request. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string;
  state: string;
  codeChallenge: string;
}

/** The authorization URL (RFC 6749 §4.1.1 with PKCE S256), keeping any query the endpoint has. */
export function authorizationUrl(endpoint: string, r: AuthorizationRequest): string {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', r.clientId);
  url.searchParams.set('redirect_uri', r.redirectUri);
  url.searchParams.set('scope', r.scopes);
  url.searchParams.set('state', r.state);
  url.searchParams.set('code_challenge', r.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** What the redirect must match. */
export interface ExpectedAnswer {
  state: string;
  redirectUri: string;
  issuer: string;
}

const strip = (u: URL) => `${u.origin}${u.pathname}`;

/** The authorization code from the redirect URL, or an OAuthError saying why there is none. */
export function codeFromRedirect(responseUrl: string | undefined, expected: ExpectedAnswer): string {
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
  if (params.get('state') !== expected.state) {
    throw new OAuthError('mismatch', t('oauth_stateMismatch'));
  }
  // RFC 9207: when the server names itself, it must be the one we asked (mix-up defence).
  const iss = params.get('iss');
  if (iss !== null && iss.replace(/\/+$/, '') !== expected.issuer.replace(/\/+$/, '')) {
    throw new OAuthError('mismatch', t('oauth_wrongIssuer', iss, expected.issuer));
  }
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    if (error === 'access_denied') throw new OAuthError('cancelled', t('oauth_declined'), error);
    throw new OAuthError('refused', t('oauth_refused', description || error), error);
  }
  const code = params.get('code');
  if (!code) throw new OAuthError('bad-response', t('oauth_noCode'));
  return code;
}
