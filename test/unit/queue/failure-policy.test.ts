import { describe, expect, it } from 'vitest';
import { backoffDelay, BACKOFF_CAP_MS } from '../../../src/queue/backoff';
import { decideAfterFailure } from '../../../src/queue/failure-policy';
import type { Job } from '../../../src/queue/types';

const job = (attempts: number): Job => ({
  id: 'j', state: 'uploading', mime: 'image/png', size: 1, width: 1, height: 1,
  metadata: { type: 'UGC' }, fingerprint: 'f', source: {}, attempts, notBefore: 0, resent: false, notes: [], createdAt: 0, updatedAt: 0,
});

describe('backoffDelay (full jitter)', () => {
  it('stays within 0 and min(cap, base * 2^(n-1))', () => {
    expect(backoffDelay(1, () => 0)).toBe(0);
    expect(backoffDelay(1, () => 0.999999)).toBe(999);
    expect(backoffDelay(4, () => 0.999999)).toBe(7999);
    expect(backoffDelay(30, () => 0.999999)).toBe(BACKOFF_CAP_MS - 1);
    for (let n = 1; n < 20; n++) {
      const d = backoffDelay(n);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(Math.min(BACKOFF_CAP_MS, 1000 * 2 ** (n - 1)));
    }
  });
});

describe('decideAfterFailure', () => {
  const half = () => 0.5;
  it.each([
    ['network', 'queued'],
    ['server', 'queued'],
    ['timeout', 'queued'],
    ['bad-request', 'failed'],
    ['invalid-input', 'failed'],
    ['bad-response', 'failed'],
    ['redirect', 'failed'],
    ['unknown', 'failed'],
  ])('%s -> %s', (kind, state) => {
    expect(decideAfterFailure(job(1), { kind, message: 'm' }, 5, 100, half).job.state).toBe(state);
  });

  it('fails a transient error once the attempts are spent', () => {
    expect(decideAfterFailure(job(5), { kind: 'network', message: 'm' }, 5, 0, half).job.state).toBe('failed');
  });

  it('closes the gate for Retry-After on 429, or for a backoff without it', () => {
    expect(decideAfterFailure(job(1), { kind: 'rate-limited', message: 'm', retryAfterSeconds: 7 }, 5, 0, half)).toMatchObject({ job: { state: 'paused' }, rateLimitSeconds: 7 });
    expect(decideAfterFailure(job(3), { kind: 'rate-limited', message: 'm' }, 5, 0, half).rateLimitSeconds).toBe(2);
  });

  it('pauses for 401 without counting the attempt', () => {
    expect(decideAfterFailure(job(2), { kind: 'unauthorized', message: 'refused' }, 5, 0, half)).toMatchObject({ job: { state: 'paused', attempts: 1 }, authPause: 'refused' });
  });
});
