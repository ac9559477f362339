/**
 * Fault knobs: tests set them (directly on the object or via POST /__sandbox/knobs) to make
 * the next API requests slow, rate-limited, unauthorized, failing or dropped. Counters count
 * down as requests consume them, so "the next N requests" is exact.
 */
import type { BucketKnob } from './token-bucket.js';

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
  /** Glean's per-token rate limit (a token bucket), or null for none. */
  tokenBucket: BucketKnob | null;
  /** Extra headers on every GET /images answer (e.g. Cross-Origin-Resource-Policy: same-origin). */
  imageHeaders: Record<string, string>;
  /** Cache-Control of a GET /images answer of 200; '' sends none. */
  imageCacheControl: string;
}

export type Fault = 'drop' | 'rateLimit' | 'unauthorized' | 'serverError';

/** What the sandbox answers images with unless told otherwise: private, cacheable for an hour. */
export const IMAGE_CACHE_CONTROL = 'private, max-age=3600';

export function defaultKnobs(): Knobs {
  return {
    latencyMs: 0,
    rateLimit: { count: 0 },
    unauthorizedCount: 0,
    serverErrorCount: 0,
    slowBodyMs: 0,
    dropConnectionCount: 0,
    tokenBucket: null,
    imageHeaders: {},
    imageCacheControl: IMAGE_CACHE_CONTROL,
  };
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
    } else if (key === 'tokenBucket') {
      next.tokenBucket = parseBucket(value);
    } else if (key === 'imageHeaders') {
      next.imageHeaders = parseHeaders(value);
    } else if (key === 'imageCacheControl') {
      if (typeof value !== 'string') throw new Error('imageCacheControl must be a string');
      next.imageCacheControl = value;
    } else {
      throw new Error(`unknown knob "${key}"`);
    }
  }
  Object.assign(knobs, next);
}

function parseBucket(value: unknown): BucketKnob | null {
  if (value === null) return null;
  const { rate, burst, ...rest } = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw new Error(`unknown tokenBucket field "${Object.keys(rest)[0]}"`);
  if (typeof rate !== 'number' || !(rate > 0) || !isCount(burst) || burst < 1) throw new Error('tokenBucket must be {rate > 0, burst >= 1}');
  return { rate, burst };
}

function parseHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('imageHeaders must be an object of strings');
  for (const v of Object.values(value)) if (typeof v !== 'string') throw new Error('imageHeaders values must be strings');
  return value as Record<string, string>;
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
