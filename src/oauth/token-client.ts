/**
 * The token endpoint as a public client (no secret, PKCE), revocation (RFC 7009) and userinfo,
 * with oauth4webapi, which also checks the ID token (issuer, audience, times, nonce). Failures say
 * whether asking again could help: `refused` (a new sign-in is needed) or `unavailable` (try later).
 */
import * as oauth from 'oauth4webapi';
import { t } from '../i18n/t';
import type { ServerMetadata } from './discovery';
import { OAuthError } from './errors';
import { requestOptions } from './http';

/** Tokens as the background keeps them; times are epoch ms. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** When the access token expires; absent when the server did not say. */
  expiresAt?: number;
  issuedAt: number;
  /** The checked ID token's claims, at sign-in only (never stored). */
  claims?: Record<string, unknown>;
}

const NO_AUTH = oauth.None();

/** The error a failed token request becomes. */
export function tokenFailure(e: unknown): OAuthError {
  if (e instanceof OAuthError) return e;
  if (e instanceof oauth.ResponseBodyError) {
    if (e.status >= 500 || e.status === 429) return new OAuthError('unavailable', t('oauth_tokenUnavailable', e.status));
    const message = e.error_description ? t('oauth_tokenRefusedWhy', e.error, e.error_description) : t('oauth_tokenRefused', e.error);
    return new OAuthError('refused', message, e.error);
  }
  if (e instanceof oauth.WWWAuthenticateChallengeError) return new OAuthError('refused', t('oauth_tokenRefused', e.status));
  const status = e instanceof oauth.OperationProcessingError && e.cause instanceof Response ? e.cause.status : 0;
  if (status >= 500 || status === 429) return new OAuthError('unavailable', t('oauth_tokenUnavailable', status));
  if (status >= 400) return new OAuthError('refused', t('oauth_tokenRefused', status));
  // Anything else the library found wrong (not bearer, an ID token for someone else, a nonce that
  // differs) is an answer that cannot be trusted.
  return new OAuthError('bad-response', t('oauth_tokenBadAnswer', e instanceof Error ? e.message : String(e)));
}

function tokenSet(res: oauth.TokenEndpointResponse, now: number): TokenSet {
  // Only bearer tokens can go in "Authorization: Bearer"; the type is case-insensitive (RFC 6749 §5.1).
  if (res.token_type.toLowerCase() !== 'bearer') throw new OAuthError('bad-response', t('oauth_notBearer', res.token_type));
  const claims = oauth.getValidatedIdTokenClaims(res);
  const expiresIn = Number(res.expires_in);
  return {
    accessToken: res.access_token,
    issuedAt: now,
    ...(res.refresh_token ? { refreshToken: res.refresh_token } : {}),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now + expiresIn * 1000 } : {}),
    ...(claims ? { claims: { ...claims } } : {}),
  };
}

/** Exchanges the callback's code (with the PKCE verifier) for tokens; checks the ID token's nonce when one was sent. */
export async function exchangeCode(
  as: ServerMetadata,
  p: { callback: URLSearchParams; verifier: string; clientId: string; redirectUri: string; nonce?: string },
  fetchImpl: typeof fetch = fetch,
  now = Date.now(),
): Promise<TokenSet> {
  const client = { client_id: p.clientId };
  try {
    const res = await oauth.authorizationCodeGrantRequest(as, client, NO_AUTH, p.callback, p.redirectUri, p.verifier, requestOptions(as.token_endpoint!, fetchImpl, 'token-endpoint'));
    const body = await oauth.processAuthorizationCodeResponse(as, client, res, p.nonce ? { expectedNonce: p.nonce, requireIdToken: true } : {});
    return tokenSet(body, now);
  } catch (e) {
    throw tokenFailure(e);
  }
}

/** Gets a new access token with a refresh token; keeps the old refresh token when no new one comes. */
export async function refreshTokens(as: ServerMetadata, p: { refreshToken: string; clientId: string }, fetchImpl: typeof fetch = fetch, now = Date.now()): Promise<TokenSet> {
  const client = { client_id: p.clientId };
  let next: TokenSet;
  try {
    const res = await oauth.refreshTokenGrantRequest(as, client, NO_AUTH, p.refreshToken, requestOptions(as.token_endpoint!, fetchImpl, 'token-endpoint'));
    next = tokenSet(await oauth.processRefreshTokenResponse(as, client, res), now);
  } catch (e) {
    throw tokenFailure(e);
  }
  const { claims: _claims, ...kept } = next;
  return kept.refreshToken ? kept : { ...kept, refreshToken: p.refreshToken };
}

/** Asks the server to revoke a token (RFC 7009); true when it said yes. Never throws. */
export async function revokeToken(as: ServerMetadata, p: { token: string; hint: 'refresh_token' | 'access_token'; clientId: string }, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (!as.revocation_endpoint) return false;
  try {
    const options = { ...requestOptions(as.revocation_endpoint, fetchImpl, 'revocation-endpoint'), additionalParameters: { token_type_hint: p.hint } };
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, { client_id: p.clientId }, NO_AUTH, p.token, options));
    return true;
  } catch {
    return false;
  }
}

/** The userinfo claims (OpenID Connect), or undefined when they cannot be had. */
export async function fetchUserinfo(as: ServerMetadata, clientId: string, accessToken: string, fetchImpl: typeof fetch = fetch): Promise<Record<string, unknown> | undefined> {
  if (!as.userinfo_endpoint) return undefined;
  try {
    const res = await oauth.userInfoRequest(as, { client_id: clientId }, accessToken, requestOptions(as.userinfo_endpoint, fetchImpl, 'userinfo-endpoint'));
    return { ...(await oauth.processUserInfoResponse(as, { client_id: clientId }, oauth.skipSubjectCheck, res)) };
  } catch {
    return undefined;
  }
}
