/**
 * Fetching for the OAuth steps: no cookies (the browser's session with the identity provider must
 * not decide anything here), no cache, no redirects (a code or refresh token must not be carried
 * elsewhere), a time limit, and every network failure as an OAuthError.
 */
import { allowInsecureRequests, customFetch } from 'oauth4webapi';
import { isLoopbackHost } from '../glean/backend-url';
import { t, type MessageKey } from '../i18n/t';
import { OAuthError } from './errors';

const TIMEOUT_MS = 15_000;

/** The servers and endpoints the OAuth steps talk to, each named in its own messages. */
export type OAuthPeer = 'authorization-server' | 'token-endpoint' | 'revocation-endpoint' | 'userinfo-endpoint' | 'registration-endpoint';

/** "Could not reach <peer> at $1: …", when it timed out and when it could not be reached at all. */
const UNREACHABLE = {
  'authorization-server': { timeout: 'oauth_serverTimeout', network: 'oauth_serverUnreachable' },
  'token-endpoint': { timeout: 'oauth_tokenEndpointTimeout', network: 'oauth_tokenEndpointUnreachable' },
  'revocation-endpoint': { timeout: 'oauth_revocationTimeout', network: 'oauth_revocationUnreachable' },
  'userinfo-endpoint': { timeout: 'oauth_userinfoTimeout', network: 'oauth_userinfoUnreachable' },
  'registration-endpoint': { timeout: 'oauth_registrationTimeout', network: 'oauth_registrationUnreachable' },
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

/**
 * Options for one oauth4webapi request: its fetch goes through oauthFetch (no cookies, no cache,
 * no redirects, a time limit, failures worded), and plain http only for a server on this computer.
 */
export function requestOptions(url: string, fetchImpl: typeof fetch, peer: OAuthPeer): LibraryOptions {
  let loopback = false;
  try {
    const parsed = new URL(url);
    loopback = parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
  } catch {
    // An address that does not parse is refused by the library itself.
  }
  return {
    // The library's own signal is dropped: oauthFetch sets the time limit.
    [customFetch]: (input, { signal: _signal, ...init }) => oauthFetch(fetchImpl, input, init as RequestInit, peer),
    // The local sandbox speaks http; nothing else may.
    ...(loopback ? { [allowInsecureRequests]: true } : {}),
  };
}

/** The options every oauth4webapi request of ours takes. */
export interface LibraryOptions {
  [customFetch]: (url: string, init: { body?: unknown; headers: Record<string, string>; method: string; redirect: 'manual'; signal?: AbortSignal }) => Promise<Response>;
  [allowInsecureRequests]?: boolean;
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
