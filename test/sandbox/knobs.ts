/**
 * Fault knobs: tests set them (directly on the object or via POST /__sandbox/knobs) to make
 * the next API requests slow, rate-limited, unauthorized, failing or dropped. Counters count
 * down as requests consume them, so "the next N requests" is exact.
 */

export interface Knobs {
  /** Delay before answering each API request. */
  latencyMs: number;
  /** The next `count` API requests answer 429, with `Retry-After: retryAfter` when it's set. */
  rateLimit: { count: number; retryAfter?: string };
  /** The next N API requests answer 401. */
  unauthorizedCount: number;
  /** The next N API requests answer 500. */
  serverErrorCount: number;
  /** Spread each API response body over this many ms (headers go out at once). */
  slowBodyMs: number;
  /** The next N API requests get their socket destroyed without any answer. */
  dropConnectionCount: number;
}

export type Fault = 'drop' | 'rateLimit' | 'unauthorized' | 'serverError';

export function defaultKnobs(): Knobs {
  return { latencyMs: 0, rateLimit: { count: 0 }, unauthorizedCount: 0, serverErrorCount: 0, slowBodyMs: 0, dropConnectionCount: 0 };
}

/** Resets in place, so anyone holding the object sees the change. */
export function resetKnobs(knobs: Knobs): void {
  Object.assign(knobs, defaultKnobs());
}

const COUNT_KEYS = ['latencyMs', 'unauthorizedCount', 'serverErrorCount', 'slowBodyMs', 'dropConnectionCount'] as const;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Merges a JSON patch (top-level keys replace) after validating all of it; throws on unknown
 * keys or bad values so a typo in a test fails loudly instead of silently doing nothing.
 * `rateLimit: null` switches rate limiting off.
 */
export function mergeKnobs(knobs: Knobs, patch: unknown): void {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('knobs must be a JSON object');
  const next: Partial<Knobs> = {};
  for (const [key, value] of Object.entries(patch)) {
    if ((COUNT_KEYS as readonly string[]).includes(key)) {
      if (!isCount(value)) throw new Error(`${key} must be a non-negative integer`);
      next[key as (typeof COUNT_KEYS)[number]] = value;
    } else if (key === 'rateLimit') {
      next.rateLimit = parseRateLimit(value);
    } else {
      throw new Error(`unknown knob "${key}"`);
    }
  }
  Object.assign(knobs, next);
}

function parseRateLimit(value: unknown): Knobs['rateLimit'] {
  if (value === null) return { count: 0 };
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error('rateLimit must be {count, retryAfter?}');
  const { count, retryAfter, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new Error(`unknown rateLimit field "${Object.keys(rest)[0]}"`);
  if (!isCount(count)) throw new Error('rateLimit.count must be a non-negative integer');
  if (retryAfter !== undefined && typeof retryAfter !== 'string') throw new Error('rateLimit.retryAfter must be a string');
  return retryAfter === undefined ? { count } : { count, retryAfter };
}

/**
 * Picks the fault for one request and counts it down. When several are armed, one request
 * uses up one of them, in this order: drop, 429, 401, 500.
 */
export function takeFault(knobs: Knobs): Fault | undefined {
  if (knobs.dropConnectionCount > 0) {
    knobs.dropConnectionCount--;
    return 'drop';
  }
  if (knobs.rateLimit.count > 0) {
    knobs.rateLimit.count--;
    return 'rateLimit';
  }
  if (knobs.unauthorizedCount > 0) {
    knobs.unauthorizedCount--;
    return 'unauthorized';
  }
  if (knobs.serverErrorCount > 0) {
    knobs.serverErrorCount--;
    return 'serverError';
  }
  return undefined;
}
