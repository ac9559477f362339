/**
 * The one error type of the OAuth code. Its kind tells the background what to do next: a refused
 * refresh means "sign in again", an unavailable server means "try again later".
 */

/** What went wrong with an OAuth step. */
export type OAuthErrorKind =
  /** The settings typed cannot work (issuer address, client ID). */
  | 'invalid-config'
  /** No usable discovery document. */
  | 'discovery'
  /** The person closed the window or declined. */
  | 'cancelled'
  /** The answer did not belong to our request (state, issuer, redirect). */
  | 'mismatch'
  /** The server refused for good (invalid_grant, invalid_client…): only a new sign-in helps. */
  | 'refused'
  /** Network, timeout, 5xx or 429: asking again later may work. */
  | 'unavailable'
  /** The server answered something that is not OAuth. */
  | 'bad-response'
  /** There is no sign-in (signed out meanwhile). */
  | 'signed-out'
  /** Self-registration is not offered: the server advertises no registration endpoint. */
  | 'registration-unavailable'
  /** The tenant's policy refused self-registration; the message has the server's reason. */
  | 'registration-refused'
  /** Self-registration refused this extension's redirect URL; `redirectUrl` is the one to allow. */
  | 'redirect-not-allowed';

/** An OAuth failure worded for people; `code` is the server's `error` value when it sent one. */
export class OAuthError extends Error {
  constructor(
    readonly kind: OAuthErrorKind,
    message: string,
    readonly code?: string,
    /** With 'redirect-not-allowed': the redirect URL an admin must allow. */
    readonly redirectUrl?: string,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

/** True if `e` is an OAuthError of one of `kinds` (any kind when none given). */
export function isOAuthError(e: unknown, ...kinds: OAuthErrorKind[]): e is OAuthError {
  return e instanceof OAuthError && (kinds.length === 0 || kinds.includes(e.kind));
}
