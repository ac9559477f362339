import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAUSE_SECONDS, RateGate } from '../../../src/queue/rate-gate';
import { freshDb } from './queue-harness';

beforeEach(freshDb);

describe('RateGate', () => {
  it('stays closed until the moment passes, and a restarted background still honours it', async () => {
    let now = 10_000;
    const gate = new RateGate(() => now);
    await gate.check();
    await gate.close(3);
    await expect(gate.check()).rejects.toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 3 });
    const restarted = new RateGate(() => now);
    expect(await restarted.blockedUntil()).toBe(13_000);
    now = 13_000;
    await expect(restarted.check()).resolves.toBeUndefined();
  });

  it('says how long to wait, in the plural form the count needs', async () => {
    const gate = new RateGate(() => 0);
    await gate.close(1);
    await expect(gate.check()).rejects.toThrow('Try again in 1 second.');
    await gate.close(3);
    await expect(gate.check()).rejects.toThrow('Try again in 3 seconds.');
  });

  it('never shortens a longer pause', async () => {
    const gate = new RateGate(() => 0);
    await gate.close(60);
    await gate.close(2);
    expect(await gate.blockedUntil()).toBe(60_000);
  });
});

describe('RateGate caps', () => {
  it('holds a Retry-After of a week to one hour, and each gate keeps its own moment', async () => {
    const gate = new RateGate(() => 0);
    expect(await gate.close(7 * 24 * 3600)).toBe(MAX_PAUSE_SECONDS * 1000);
    const page = new RateGate(() => 0, 'pageRateLimitedUntil');
    expect(await page.blockedUntil()).toBe(0);
    await page.close(5);
    expect(await new RateGate(() => 0, 'pageRateLimitedUntil').blockedUntil()).toBe(5000);
    expect(await new RateGate(() => 0).blockedUntil()).toBe(MAX_PAUSE_SECONDS * 1000);
  });
});
