import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from '../../../src/glean/retry-after';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0); // Wed, 15 Jan 2025 12:00:00 GMT

describe('parseRetryAfter', () => {
  it.each<[string | null, number | undefined]>([
    // delta-seconds
    ['0', 0],
    ['1', 1],
    ['120', 120],
    ['  30  ', 30],
    ['007', 7],
    ['1.2', 2], // not in the spec, but rounded up rather than ignored
    // HTTP-date, all three forms
    ['Wed, 15 Jan 2025 12:00:30 GMT', 30],
    ['wed, 15 jan 2025 12:01:00 gmt', 60],
    ['Wednesday, 15-Jan-25 12:00:10 GMT', 10],
    ['Wed Jan 15 12:00:05 2025', 5],
    ['Wed Jan  5 12:00:05 2025', 0], // in the past: no wait, never negative
    // rounding up of a partial second
    ['Wed, 15 Jan 2025 12:00:01 GMT', 1],
    // in the past
    ['Tue, 14 Jan 2025 12:00:00 GMT', 0],
    // garbage
    [null, undefined],
    ['', undefined],
    ['   ', undefined],
    ['soon', undefined],
    ['-5', undefined],
    ['5s', undefined],
    ['1e3', undefined],
    ['2025', 2025], // a bare number is delta-seconds, not a year
    ['Wed, 15 Jan 2025 12:00:30', undefined], // no GMT
    ['Wed, 15 Jan 2025 12:00:30 PST', undefined],
    ['Wed, 31 Feb 2025 12:00:30 GMT', undefined],
    ['Xyz, 15 Jan 2025 12:00:30 GMT', undefined],
    ['Wed, 15 Foo 2025 12:00:30 GMT', undefined],
    ['Wed, 15 Jan 2025 25:00:30 GMT', undefined],
    ['99999999999999999999999', undefined],
  ])('%j -> %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it('rounds a sub-second remaining wait up', () => {
    expect(parseRetryAfter('Wed, 15 Jan 2025 12:00:10 GMT', NOW + 9_100)).toBe(1);
    expect(parseRetryAfter('Wed, 15 Jan 2025 12:00:10 GMT', NOW + 8_999)).toBe(2);
  });

  it('defaults "now" to the clock', () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const seconds = parseRetryAfter(inTwoMinutes);
    expect(seconds).toBeGreaterThanOrEqual(118);
    expect(seconds).toBeLessThanOrEqual(120);
  });
});

describe('parseHttpDate', () => {
  it('reads the three forms as UTC', () => {
    const t = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(t);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(t);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(t);
  });
});
