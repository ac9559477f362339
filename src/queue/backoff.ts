/**
 * Capped exponential backoff with full jitter: a random wait between 0 and min(cap, base * 2^n),
 * so clients that failed together do not come back together.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** The wait before attempt `attempt + 1`, after `attempt` (>= 1) failed attempts. */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
