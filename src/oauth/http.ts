/**
 * Fetching for the OAuth steps: no cookies (the browser's session with the identity provider must
 * not decide anything here), no cache, no redirects (a code or refresh token must not be carried
 * elsewhere), a time limit, and every network failure as an OAuthError.
 */
import { isLoopbackHost } from '../glean/backend-url';
import { t, type MessageKey } from '../i18n/t';
import { OAuthError } from './errors';

const TIMEOUT_MS = 15_000;

/** The servers and endpoints the OAuth steps talk to, each named in its own messages. */
export type OAuthPeer = 'authorization-server' | 'token-endpoint' | 'revocation-endpoint' | 'userinfo-endpoint';

/** "Could not reach <peer> at $1: …", when it timed out and when it could not be reached at all. */
const UNREACHABLE = {
  'authorization-server': { timeout: 'oauth_serverTimeout', network: 'oauth_serverUnreachable' },
  'token-endpoint': { timeout: 'oauth_tokenEndpointTimeout', network: 'oauth_tokenEndpointUnreachable' },
  'revocation-endpoint': { timeout: 'oauth_revocationTimeout', network: 'oauth_revocationUnreachable' },
  'userinfo-endpoint': { timeout: 'oauth_userinfoTimeout', network: 'oauth_userinfoUnreachable' },
} as const satisfies Record<OAuthPeer, { timeout: MessageKey; network: MessageKey }>;

/** One request to an authorization server; `peer` says which one, for messages. */
export async function oauthFetch(fetchImpl: typeof fetch, url: string, init: RequestInit, peer: OAuthPeer): Promise<Response> {
  try {
    return await fetchImpl(url, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    const keys = UNREACHABLE[peer];
    const key = e instanceof Error && e.name === 'TimeoutError' ? keys.timeout : keys.network;
    throw new OAuthError('unavailable', t(key, new URL(url).origin));
  }
}

/** Reads a JSON object body, or undefined when the body is not one. */
export async function jsonObject(res: Response): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = await res.json();
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** True for https URLs, and http ones on this computer (the local sandbox). */
export function isSecureUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    if (url.username || url.password) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}
