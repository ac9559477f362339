import { describe, expect, it } from 'vitest';
import { mergeKnobs, defaultKnobs } from './knobs.js';
import { TokenBuckets } from './token-bucket.js';

describe('TokenBuckets', () => {
  it('lets a burst through, then the rate, per token, and says how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const knob = { rate: 30, burst: 30 };
    const first = Array.from({ length: 31 }, () => buckets.take('Bearer a', knob));
    expect(first.slice(0, 30).every((w) => w === 0)).toBe(true);
    expect(first[30]).toBe(1);
    expect(buckets.take('Bearer b', knob)).toBe(0); // another token has its own bucket
    now = 100; // 3 refilled
    expect([0, 1, 2, 3].map(() => buckets.take('Bearer a', knob))).toEqual([0, 0, 0, 1]);
    buckets.clear();
    expect(buckets.take('Bearer a', knob)).toBe(0);
  });
});

describe('knobs for page images', () => {
  it('takes a token bucket, extra image headers and a Cache-Control, and refuses nonsense', () => {
    const knobs = defaultKnobs();
    expect(knobs.imageCacheControl).toBe('private, max-age=3600');
    mergeKnobs(knobs, { tokenBucket: { rate: 30, burst: 30 }, imageHeaders: { 'cross-origin-resource-policy': 'same-origin' }, imageCacheControl: '' });
    expect(knobs).toMatchObject({ tokenBucket: { rate: 30, burst: 30 }, imageHeaders: { 'cross-origin-resource-policy': 'same-origin' }, imageCacheControl: '' });
    mergeKnobs(knobs, { tokenBucket: null });
    expect(knobs.tokenBucket).toBeNull();
    expect(() => mergeKnobs(knobs, { tokenBucket: { rate: 0, burst: 1 } })).toThrow(/tokenBucket/);
    expect(() => mergeKnobs(knobs, { tokenBucket: { rate: 1, burst: 1, x: 1 } })).toThrow(/unknown tokenBucket field/);
    expect(() => mergeKnobs(knobs, { imageHeaders: { a: 1 } })).toThrow(/strings/);
  });
});
