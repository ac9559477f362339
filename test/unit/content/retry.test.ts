import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRetries, failureTitle, retryDelay, tokenPollDelay } from '../../../src/content/retry';

describe('retry policy', () => {
  it('waits for Retry-After (or 30 s) after a 429', () => {
    expect(retryDelay({ kind: 'rate-limited', message: '', retryAfterSeconds: 5 }, 0)).toBeGreaterThanOrEqual(5000);
    expect(retryDelay({ kind: 'rate-limited', message: '', retryAfterSeconds: 5 }, 0)).toBeLessThan(6001);
    expect(retryDelay({ kind: 'rate-limited', message: '' }, 7)).toBeGreaterThanOrEqual(30_000);
  });

  it('waits for new credentials after a 401, backing off its checks to 5 minutes', () => {
    expect(retryDelay({ kind: 'unauthorized', message: '', status: 401 }, 0)).toBe('token');
    expect([0, 1, 2, 10].map(tokenPollDelay)).toEqual([5000, 10_000, 20_000, 300_000]);
  });

  it('retries passing trouble a few times, and never a 404 or a refusal', () => {
    expect(retryDelay({ kind: 'network', message: '' }, 0)).toBe(15_000);
    expect(retryDelay({ kind: 'server', message: '' }, 2)).toBe(60_000);
    expect(retryDelay({ kind: 'timeout', message: '' }, 3)).toBeNull();
    expect(retryDelay({ kind: 'not-found', message: '' }, 0)).toBeNull();
    expect(retryDelay({ kind: 'invalid-input', message: '' }, 0)).toBeNull();
  });

  it('says why in one title, each reason once', () => {
    expect(failureTitle([{ kind: 'a', message: 'One.' }, { kind: 'a', message: 'One.' }, { kind: 'b', message: 'Two.' }])).toBe('Glean image not shown: One. Two.');
  });
});

describe('createRetries', () => {
  let epoch: number | null;
  let retried: string[];
  let asked: number;
  const unauthorized = { kind: 'unauthorized', message: 'Glean refused the token (401).', status: 401 };

  beforeEach(() => {
    vi.useFakeTimers();
    epoch = 1;
    retried = [];
    asked = 0;
  });
  afterEach(() => vi.useRealTimers());

  const make = () => {
    const r = createRetries({
      setTimeout: (run, ms) => void setTimeout(run, ms),
      epoch: async () => (asked++, epoch),
      retry: (id) => void retried.push(id),
    });
    r.setEpoch(1);
    return r;
  };

  it('retries a 429 once its Retry-After has passed', async () => {
    make().failed('a', { kind: 'rate-limited', message: '', retryAfterSeconds: 2 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(retried).toEqual([]);
    await vi.advanceTimersByTimeAsync(1001);
    expect(retried).toEqual(['a']);
  });

  it('retries 401s only after the credentials changed, asking with growing pauses meanwhile', async () => {
    const r = make();
    r.failed('a', unauthorized);
    r.failed('b', unauthorized);
    await vi.advanceTimersByTimeAsync(5_000 + 10_000);
    expect(asked).toBe(2);
    expect(retried).toEqual([]);
    epoch = 2;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(retried).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(asked).toBe(3); // nothing waits any more: no more asking
  });

  it('stops asking when the background no longer answers the page', async () => {
    make().failed('a', unauthorized);
    epoch = null;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(asked).toBe(1);
    expect(retried).toEqual([]);
  });

  it('gives up passing trouble after three tries, and starts over after a success', async () => {
    const r = make();
    for (let i = 0; i < 4; i++) r.failed('a', { kind: 'network', message: '' });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(retried).toEqual(['a', 'a', 'a']);
    r.succeeded('a');
    r.failed('a', { kind: 'network', message: '' });
    await vi.advanceTimersByTimeAsync(15_000);
    expect(retried).toHaveLength(4);
  });

  it('never retries a 404', async () => {
    make().failed('a', { kind: 'not-found', message: '', status: 404 });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(retried).toEqual([]);
  });
});
