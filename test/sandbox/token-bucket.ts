/**
 * Glean's documented rate limit, as a knob: a token bucket per API token (about 30 requests a
 * second, a burst of about 30). A request that finds the bucket empty is answered 429 with the
 * whole seconds until the next request would pass as Retry-After.
 */

export interface BucketKnob {
  /** Requests per second refilled. */
  rate: number;
  /** How many requests may come at once. */
  burst: number;
}

/** Buckets by token; `now` in ms. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one request from `who`'s bucket: 0 when it may pass, else seconds to wait. */
  take(who: string, knob: BucketKnob): number {
    const now = this.now();
    const b = this.buckets.get(who) ?? { tokens: knob.burst, at: now };
    b.tokens = Math.min(knob.burst, b.tokens + ((now - b.at) / 1000) * knob.rate);
    b.at = now;
    this.buckets.set(who, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / knob.rate));
  }

  /** Full buckets for everyone (a knob change or a reset). */
  clear(): void {
    this.buckets.clear();
  }
}
