/**
 * When a failed image is worth asking for again: after Retry-After for a 429, once the token or
 * backend has changed for a 401 (the background's epoch says so), after a pause for passing
 * trouble, and never for a 404.
 */
import type { ErrorInfo } from '../messaging/protocol';
import { t } from '../i18n/t';

/** Without a Retry-After, wait this long after a 429. */
const RATE_LIMIT_DEFAULT_S = 30;
const TRANSIENT = new Set(['network', 'timeout', 'server', 'unavailable', 'aborted']);

/** Milliseconds until a retry, 'token' to wait for new credentials, or null for never. */
export function retryDelay(error: ErrorInfo, attempt: number): number | 'token' | null {
  if (error.kind === 'rate-limited') return (error.retryAfterSeconds ?? RATE_LIMIT_DEFAULT_S) * 1000 + Math.random() * 1000;
  if (error.kind === 'unauthorized') return 'token';
  if (TRANSIENT.has(error.kind) && attempt < 3) return 15_000 * 2 ** attempt;
  return null;
}

/** How long a page with 401 failures waits before asking, the n-th time, whether the credentials changed. */
export function tokenPollDelay(n: number): number {
  return Math.min(5_000 * 2 ** n, 5 * 60_000);
}

/** The title a failed element gets: why it is not shown, in words. */
export function failureTitle(errors: ErrorInfo[]): string {
  const why = [...new Set(errors.map((e) => e.message))].join(' ');
  return t('content_imageNotShown', why);
}

export interface RetryDeps {
  setTimeout(run: () => void, ms: number): void;
  /** The background's current epoch, or null when it no longer answers this page. */
  epoch(): Promise<number | null>;
  /** Asks for an image again. */
  retry(id: string): void;
}

/** Schedules the retries of one page. */
export function createRetries(deps: RetryDeps) {
  const attempts = new Map<string, number>();
  const awaitingToken = new Set<string>();
  let epoch: number | null = null;
  let polling = false;
  let polls = 0;

  function poll(): void {
    if (polling) return;
    polling = true;
    deps.setTimeout(async () => {
      polling = false;
      const now = await deps.epoch();
      if (now === null || !awaitingToken.size) return;
      if (now === epoch) return poll();
      epoch = now;
      polls = 0;
      const ids = [...awaitingToken];
      awaitingToken.clear();
      ids.forEach(deps.retry);
    }, tokenPollDelay(polls++));
  }

  return {
    /** The epoch the page started with (from its first page.config). */
    setEpoch(now: number): void {
      epoch = now;
    },
    /** An image arrived: its count of attempts starts over. */
    succeeded(id: string): void {
      attempts.delete(id);
    },
    /** An image failed: ask again when the cause may have passed. */
    failed(id: string, error: ErrorInfo): void {
      const attempt = attempts.get(id) ?? 0;
      const delay = retryDelay(error, attempt);
      if (delay === 'token') {
        awaitingToken.add(id);
        poll();
      } else if (delay !== null) {
        attempts.set(id, attempt + 1);
        deps.setTimeout(() => deps.retry(id), delay);
      }
    },
  };
}
