/**
 * The token endpoint as a public client (no secret, RFC 6749 §4.1.3 and §6 with PKCE), revocation
 * (RFC 7009) and userinfo. Failures say whether asking again could help: `refused` (a new sign-in
 * is needed) or `unavailable` (try later).
 */
import { t } from '../i18n/t';
import { OAuthError } from './errors';
import { jsonObject, oauthFetch } from './http';

/** Tokens as the background keeps them; times are epoch ms. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires; absent when the server did not say. */
  expiresAt?: number;
  issuedAt: number;
  idToken?: string;
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };

async function tokenRequest(endpoint: string, body: URLSearchParams, fetchImpl: typeof fetch, now: number): Promise<TokenSet> {
  const res = await oauthFetch(fetchImpl, endpoint, { method: 'POST', headers: FORM, body }, 'token-endpoint');
  const json = await jsonObject(res);
  if (!res.ok) {
    if (res.status >= 500 || res.status === 429) {
      throw new OAuthError('unavailable', t('oauth_tokenUnavailable', res.status));
    }
    const code = typeof json?.error === 'string' ? json.error : undefined;
    const why = code ?? res.status;
    const message = typeof json?.error_description === 'string' ? t('oauth_tokenRefusedWhy', why, json.error_description) : t('oauth_tokenRefused', why);
    throw new OAuthError('refused', message, code);
  }
  if (!json || typeof json.access_token !== 'string' || json.access_token === '') {
    throw new OAuthError('bad-response', t('oauth_noAccessToken'));
  }
  // Only bearer tokens can go in "Authorization: Bearer"; the type is case-insensitive (RFC 6749 §5.1).
  if (typeof json.token_type === 'string' && json.token_type.toLowerCase() !== 'bearer') {
    throw new OAuthError('bad-response', t('oauth_notBearer', json.token_type));
  }
  const expiresIn = Number(json.expires_in);
  return {
    accessToken: json.access_token,
    issuedAt: now,
    ...(typeof json.refresh_token === 'string' && json.refresh_token ? { refreshToken: json.refresh_token } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now + expiresIn * 1000 } : {}),
    ...(typeof json.id_token === 'string' ? { idToken: json.id_token } : {}),
  };
}

/** Exchanges an authorization code (with the PKCE verifier) for tokens. */
export function exchangeCode(
  endpoint: string,
  p: { code: string; verifier: string; clientId: string; redirectUri: string },
  fetchImpl: typeof fetch = fetch,
  now = Date.now(),
): Promise<TokenSet> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: p.redirectUri, client_id: p.clientId, code_verifier: p.verifier });
  return tokenRequest(endpoint, body, fetchImpl, now);
}

/** Gets a new access token with a refresh token; keeps the old refresh token when no new one comes. */
export async function refreshTokens(
  endpoint: string,
  p: { refreshToken: string; clientId: string },
  fetchImpl: typeof fetch = fetch,
  now = Date.now(),
): Promise<TokenSet> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: p.refreshToken, client_id: p.clientId });
  const next = await tokenRequest(endpoint, body, fetchImpl, now);
  return next.refreshToken ? next : { ...next, refreshToken: p.refreshToken };
}

/** Asks the server to revoke a token (RFC 7009); true when it said yes. Never throws. */
export async function revokeToken(
  endpoint: string,
  p: { token: string; hint: 'refresh_token' | 'access_token'; clientId: string },
  fetchImpl: typeof fetch = fetch,
): Promise<boolean> {
  try {
    const body = new URLSearchParams({ token: p.token, token_type_hint: p.hint, client_id: p.clientId });
    const res = await oauthFetch(fetchImpl, endpoint, { method: 'POST', headers: FORM, body }, 'revocation-endpoint');
    void res.body?.cancel().catch(() => undefined);
    return res.ok;
  } catch {
    return false;
  }
}

/** The userinfo claims (OpenID Connect), or undefined when they cannot be had. */
export async function fetchUserinfo(endpoint: string, accessToken: string, fetchImpl: typeof fetch = fetch): Promise<Record<string, unknown> | undefined> {
  try {
    const res = await oauthFetch(fetchImpl, endpoint, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } }, 'userinfo-endpoint');
    return res.ok ? await jsonObject(res) : undefined;
  } catch {
    return undefined;
  }
}
