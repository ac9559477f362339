/**
 * The one error type the Glean client throws. Every failure carries a `kind` the UI can branch on
 * and a `message` that is a plain sentence a user can act on.
 *
 * Errors cross extension messaging (structured clone), which keeps only `name` and `message` of an
 * Error, so callers that send errors between contexts should send `toErrorInfo(e)` instead.
 */
import { t } from '../i18n/t';

export const GLEAN_ERROR_KINDS = [
  'invalid-input',
  'bad-request',
  'unauthorized',
  'not-found',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'aborted',
  'redirect',
  'bad-response',
] as const;

/** What went wrong, coarse enough for the UI to choose a reaction. */
export type GleanErrorKind = (typeof GLEAN_ERROR_KINDS)[number];

/** Details an error may carry besides its kind and message. */
export interface GleanErrorDetails {
  status?: number;
  retryAfterSeconds?: number;
  /** The URL tried. Tokens only ever travel in headers, so this is safe to show and log. */
  url?: string;
  /** The server's own reason, trimmed and capped. */
  serverMessage?: string;
  cause?: unknown;
}

/** A plain-object form of an error, safe to send through extension messaging. */
export interface ErrorInfo {
  /** 'unknown' for anything that is not a GleanError (a bug, usually); `oauth-<kind>` for sign-in failures. */
  kind: GleanErrorKind | 'unknown' | `oauth-${string}`;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  /** With 'oauth-redirect-not-allowed': the redirect URL to give the Glean admin. */
  redirectUrl?: string;
}

export class GleanError extends Error {
  readonly kind: GleanErrorKind;
  // `declare` so absent details are absent properties, not own properties holding undefined.
  declare readonly status?: number;
  declare readonly retryAfterSeconds?: number;
  declare readonly url?: string;
  declare readonly serverMessage?: string;

  constructor(kind: GleanErrorKind, message: string, details: GleanErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'GleanError';
    this.kind = kind;
    // Only set the optional fields that exist, so equality checks and clones stay tidy.
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
    if (details.url !== undefined) this.url = details.url;
    if (details.serverMessage !== undefined) this.serverMessage = details.serverMessage;
  }
}

/** True if `e` is a GleanError (also one from another realm, recognised by name and kind). */
export function isGleanError(e: unknown): e is GleanError {
  if (e instanceof GleanError) return true;
  if (typeof e !== 'object' || e === null) return false;
  const o = e as { name?: unknown; kind?: unknown; message?: unknown };
  return (
    o.name === 'GleanError' &&
    typeof o.message === 'string' &&
    (GLEAN_ERROR_KINDS as readonly unknown[]).includes(o.kind)
  );
}

/** Turns any thrown value into a plain object for messaging between extension contexts. */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isGleanError(e)) {
    const info: ErrorInfo = { kind: e.kind, message: e.message };
    if (e.status !== undefined) info.status = e.status;
    if (e.retryAfterSeconds !== undefined) info.retryAfterSeconds = e.retryAfterSeconds;
    return info;
  }
  // A raw abort or timeout from the platform still deserves the right kind.
  const name = typeof e === 'object' && e !== null ? (e as { name?: unknown }).name : undefined;
  if (name === 'OAuthError') {
    // Pages word sign-in failures by kind (a refused self-registration offers the admin's client ID).
    const { kind, message, redirectUrl } = e as { kind: string; message: string; redirectUrl?: string };
    return { kind: `oauth-${kind}`, message, ...(redirectUrl ? { redirectUrl } : {}) };
  }
  if (name === 'AbortError') return { kind: 'aborted', message: t('glean_cancelled') };
  if (name === 'TimeoutError') return { kind: 'timeout', message: t('glean_timeoutVague') };
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  return { kind: 'unknown', message: message || t('common_somethingWentWrong') };
}
