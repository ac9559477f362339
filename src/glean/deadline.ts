/**
 * One signal per request that fires on the caller's abort or on the timeout, remembering which.
 *
 * Combined by hand rather than with AbortSignal.any/AbortSignal.timeout so it works on every
 * browser the extension targets, and so we can tell a timeout from a caller abort reliably.
 */

import { t, tCount } from '../i18n/t';
import { GleanError } from './errors';

export interface Deadline {
  /** Pass to fetch; aborts on timeout or caller abort. */
  readonly signal: AbortSignal;
  /** The GleanError ('timeout' or 'aborted') describing why the signal fired; undefined if it has not. */
  reason(): GleanError | undefined;
  /** Settles like `p`, or rejects with the abort reason as soon as the signal fires. */
  race<T>(p: Promise<T>): Promise<T>;
  /** Stops the timer and detaches from the caller's signal; call when the request is done. */
  dispose(): void;
}

/** The error for a caller's abort. */
export function abortedError(url?: string): GleanError {
  return new GleanError('aborted', t('glean_cancelled'), url === undefined ? {} : { url });
}

/** Rejects with `makeError()` as soon as `signal` aborts, otherwise settles like `p`. */
export function raceSignal<T>(p: Promise<T>, signal: AbortSignal | undefined, makeError: () => Error): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) {
    p.catch(() => {}); // `p` may still reject later; nobody is listening for it any more.
    return Promise.reject(makeError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(makeError());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Starts a deadline of `timeoutMs` that also follows the caller's `callerSignal`. */
export function startDeadline(timeoutMs: number, callerSignal: AbortSignal | undefined, url: string): Deadline {
  const controller = new AbortController();
  let why: GleanError | undefined;

  const fire = (error: GleanError) => {
    if (why) return;
    why = error;
    controller.abort(error);
  };
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  const timer = setTimeout(() => fire(new GleanError('timeout', tCount('glean_timeout', seconds), { url })), timeoutMs);
  const onCallerAbort = () => fire(abortedError(url));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });

  return {
    signal: controller.signal,
    reason: () => why,
    race: (p) => raceSignal(p, controller.signal, () => why ?? abortedError(url)),
    dispose: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
