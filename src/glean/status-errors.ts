/**
 * Maps HTTP answers that are not a success to GleanErrors with a sentence a user can act on,
 * including the server's own reason when it gave a readable one.
 */

import { t, tCount } from '../i18n/t';
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
    return new GleanError('bad-request', serverMessage ? t('glean_status400Why', serverMessage) : t('glean_status400'), base);
  }
  if (status === 401) {
    return new GleanError('unauthorized', t('glean_status401'), base);
  }
  if (status === 403) {
    return new GleanError('unauthorized', t('glean_status403'), base);
  }
  if (status === 404) {
    return new GleanError('not-found', t('glean_status404'), base);
  }
  if (status === 429) {
    const message = retryAfterSeconds === undefined ? t('glean_status429') : tCount('glean_status429Retry', retryAfterSeconds);
    return new GleanError('rate-limited', message, {
      ...base,
      retryAfterSeconds,
    });
  }
  if (status >= 500 && status <= 599) {
    return new GleanError('server', t('glean_status5xx', status), base);
  }
  return new GleanError('bad-response', t('glean_statusUnexpected', status), base);
}

/** The error for a redirect answer: status 3xx (Node) or an opaque redirect with status 0 (browsers). */
export function redirectError(status: number, url: string): GleanError {
  return new GleanError(
    'redirect',
    status ? t('glean_redirectStatus', status) : t('glean_redirect'),
    status ? { url, status } : { url },
  );
}
