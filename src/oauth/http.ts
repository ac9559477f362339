/**
 * Fetching for the OAuth steps: no cookies (the browser's session with the identity provider must
 * not decide anything here), no cache, no redirects (a code or refresh token must not be carried
 * elsewhere), a time limit, and every network failure as an OAuthError.
 */
import { isLoopbackHost } from '../glean/backend-url';
import { OAuthError } from './errors';

const TIMEOUT_MS = 15_000;

/** One request to an authorization server; `what` names it in messages ("the token endpoint"). */
export async function oauthFetch(fetchImpl: typeof fetch, url: string, init: RequestInit, what: string): Promise<Response> {
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
    const why = e instanceof Error && e.name === 'TimeoutError' ? 'it did not answer in time' : 'check the address and your connection';
    throw new OAuthError('unavailable', `Could not reach ${what} at ${new URL(url).origin}: ${why}.`);
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
