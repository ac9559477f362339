/**
 * Maps HTTP answers that are not a success to GleanErrors with a sentence a user can act on,
 * including the server's own reason when it gave a readable one.
 */

import { GleanError } from './errors';

const SERVER_MESSAGE_MAX = 300;

/** Trims a server's reason to one line of at most ~300 characters; undefined if nothing is left. */
export function capServerMessage(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return undefined;
  return oneLine.length > SERVER_MESSAGE_MAX ? `${oneLine.slice(0, SERVER_MESSAGE_MAX - 1)}…` : oneLine;
}

/** Extracts the server's reason from an error body: a JSON message/error field, or the plain text. */
export function serverMessageFromBody(body: string, contentType: string | null): string | undefined {
  const trimmed = body.trim();
  if (trimmed === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed === 'object' && parsed !== null) {
      const o = parsed as Record<string, unknown>;
      for (const field of ['message', 'error', 'reason', 'detail']) {
        const v = o[field];
        if (typeof v === 'string') return capServerMessage(v);
        // Some servers nest: {"error": {"message": "..."}}.
        if (typeof v === 'object' && v !== null && typeof (v as { message?: unknown }).message === 'string') {
          return capServerMessage((v as { message: string }).message);
        }
      }
      return undefined;
    }
    if (typeof parsed === 'string') return capServerMessage(parsed);
  } catch {
    // Not JSON: fall through to plain text.
  }
  // An HTML error page as a "reason" would be tag soup in the UI; the status says enough.
  if ((contentType ?? '').toLowerCase().includes('html') || trimmed.startsWith('<')) return undefined;
  return capServerMessage(trimmed);
}

/** Builds the GleanError for a non-2xx, non-3xx HTTP status. */
export function errorForStatus(
  status: number,
  url: string,
  serverMessage?: string,
  retryAfterSeconds?: number,
): GleanError {
  const base = { status, url, serverMessage };
  if (status === 400) {
    const reason = serverMessage ? `: ${serverMessage}` : '.';
    return new GleanError('bad-request', `Glean rejected the request (400)${reason}`, base);
  }
  if (status === 401) {
    return new GleanError('unauthorized', 'Glean refused the token (401). Check the token, or sign in again.', base);
  }
  if (status === 403) {
    return new GleanError(
      'unauthorized',
      'Glean refused access (403). Check that the token may use the images API (and act as this user, for a global token).',
      base,
    );
  }
  if (status === 404) {
    return new GleanError(
      'not-found',
      'Glean found nothing at this address (404). Check the image key or details, and the backend address.',
      base,
    );
  }
  if (status === 429) {
    const when =
      retryAfterSeconds === undefined
        ? 'Try again in a little while.'
        : `Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
    return new GleanError('rate-limited', `Glean is rate limiting requests (429). ${when}`, {
      ...base,
      retryAfterSeconds,
    });
  }
  if (status >= 500 && status <= 599) {
    return new GleanError('server', `Glean had a server error (${status}). Try again later.`, base);
  }
  return new GleanError('bad-response', `Glean answered with an unexpected status (${status}).`, base);
}

/** The error for a redirect answer: status 3xx (Node) or an opaque redirect with status 0 (browsers). */
export function redirectError(status: number, url: string): GleanError {
  return new GleanError(
    'redirect',
    `The Glean backend address redirects somewhere else${status ? ` (${status})` : ''}. ` +
      'Correct the backend address in the settings (it usually looks like https://acme-be.glean.com); ' +
      'the token is never sent to a redirect.',
    status ? { url, status } : { url },
  );
}
