import { describe, expect, it, vi } from 'vitest';
import { OAuthError } from '../../../src/oauth/errors';
import type { TokenSet } from '../../../src/oauth/token-client';
import { needsRefresh, refreshMargin, TokenKeeper } from '../../../src/oauth/token-keeper';

const HOUR = 3_600_000;

/** A keeper over an in-memory store and a scripted token endpoint, on a manual clock. */
function setup(initial: TokenSet | undefined, opts: { lifetime?: number; rotate?: boolean } = {}) {
  let now = 10 * HOUR;
  let stored = initial;
  let n = 0;
  const lifetime = opts.lifetime ?? HOUR;
  const answers: Array<() => Promise<TokenSet>> = [];
  const refresh = vi.fn(async (refreshToken: string): Promise<TokenSet> => {
    const scripted = answers.shift();
    if (scripted) return scripted();
    n += 1;
    return { accessToken: `at-${n}`, refreshToken: opts.rotate === false ? refreshToken : `rt-${n}`, issuedAt: now, expiresAt: now + lifetime };
  });
  const keeper = new TokenKeeper({
    load: async () => stored,
    save: async (t) => {
      stored = t;
    },
    refresh,
    now: () => now,
  });
  return { keeper, refresh, answers, stored: () => stored, advance: (ms: number) => (now += ms), now: () => now };
}

const fresh = (now: number, lifetime = HOUR): TokenSet => ({ accessToken: 'at-0', refreshToken: 'rt-0', issuedAt: now, expiresAt: now + lifetime });

describe('refresh timing', () => {
  it('renews a minute before expiry, or a third of a short lifetime before', () => {
    expect(refreshMargin(fresh(0))).toBe(60_000);
    expect(refreshMargin(fresh(0, 5_000))).toBeCloseTo(5_000 / 3);
    expect(refreshMargin({ accessToken: 'a', issuedAt: 0 })).toBe(0);
    const t = fresh(0);
    expect(needsRefresh(t, HOUR - 60_001)).toBe(false);
    expect(needsRefresh(t, HOUR - 60_000)).toBe(true);
    expect(needsRefresh({ accessToken: 'a', issuedAt: 0 }, 100 * HOUR)).toBe(false);
  });

  it('uses the token while it has time, then refreshes once and keeps the rotated refresh token', async () => {
    const h = setup(fresh(10 * HOUR));
    expect(await h.keeper.accessToken()).toBe('at-0');
    h.advance(HOUR - 61_000);
    expect(await h.keeper.accessToken()).toBe('at-0');
    expect(h.refresh).not.toHaveBeenCalled();
    h.advance(2_000);
    expect(await h.keeper.accessToken()).toBe('at-1');
    expect(h.refresh).toHaveBeenCalledWith('rt-0');
    expect(h.stored()).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
    expect(await h.keeper.accessToken()).toBe('at-1');
    h.advance(HOUR);
    expect(await h.keeper.accessToken()).toBe('at-2');
    expect(h.refresh).toHaveBeenLastCalledWith('rt-1');
  });

  it('with 5-second tokens, renews every few seconds, not on every call', async () => {
    const h = setup(fresh(10 * HOUR, 5_000), { lifetime: 5_000 });
    for (let i = 0; i < 10; i++) {
      await h.keeper.accessToken();
      h.advance(1_000);
    }
    expect(h.refresh.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(h.refresh.mock.calls.length).toBeLessThanOrEqual(4);
  });
});

describe('one refresh shared', () => {
  it('by concurrent calls that find the token expiring', async () => {
    const h = setup(fresh(10 * HOUR));
    h.advance(HOUR);
    let release!: () => void;
    h.answers.push(() => new Promise((r) => (release = () => r({ accessToken: 'at-new', refreshToken: 'rt-new', issuedAt: h.now(), expiresAt: h.now() + HOUR }))));
    const calls = Promise.all(Array.from({ length: 5 }, () => h.keeper.accessToken()));
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    release();
    expect(await calls).toEqual(Array(5).fill('at-new'));
    expect(h.refresh).toHaveBeenCalledTimes(1);
  });

  it('by calls that met a 401: a token someone else already renewed is used as it is', async () => {
    const h = setup(fresh(10 * HOUR));
    const [a, b] = await Promise.all([h.keeper.afterUnauthorized('at-0'), h.keeper.afterUnauthorized('at-0')]);
    expect([a, b]).toEqual(['at-1', 'at-1']);
    expect(await h.keeper.afterUnauthorized('at-0')).toBe('at-1');
    expect(h.refresh).toHaveBeenCalledTimes(1);
    expect(await h.keeper.afterUnauthorized('at-1')).toBe('at-2');
  });
});

describe('failures', () => {
  it('keeps using a still-valid token while the server is unreachable, not an expired one', async () => {
    const h = setup(fresh(10 * HOUR));
    h.advance(HOUR - 30_000);
    h.answers.push(async () => {
      throw new OAuthError('unavailable', 'down');
    });
    expect(await h.keeper.accessToken()).toBe('at-0');
    h.advance(60_000);
    h.answers.push(async () => {
      throw new OAuthError('unavailable', 'down');
    });
    await expect(h.keeper.accessToken()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(await h.keeper.accessToken()).toBe('at-1'); // and recovers once it answers
  });

  it('passes a refusal on, and refuses to renew without a refresh token', async () => {
    const h = setup(fresh(10 * HOUR));
    h.advance(HOUR);
    h.answers.push(async () => {
      throw new OAuthError('refused', 'invalid_grant', 'invalid_grant');
    });
    await expect(h.keeper.accessToken()).rejects.toMatchObject({ kind: 'refused' });
    const bare = setup({ accessToken: 'a', issuedAt: 10 * HOUR, expiresAt: 10 * HOUR + 1000 });
    bare.advance(2000);
    await expect(bare.keeper.accessToken()).rejects.toMatchObject({ kind: 'refused' });
    expect(bare.refresh).not.toHaveBeenCalled();
  });

  it('says signed-out without tokens, and never saves a refresh that finished after a reset', async () => {
    await expect(setup(undefined).keeper.accessToken()).rejects.toMatchObject({ kind: 'signed-out' });
    const h = setup(fresh(10 * HOUR));
    h.advance(HOUR);
    let release!: () => void;
    h.answers.push(() => new Promise((r) => (release = () => r({ accessToken: 'late', issuedAt: 0 }))));
    const call = h.keeper.accessToken();
    await vi.waitFor(() => expect(release).toBeTypeOf('function'));
    h.keeper.reset();
    release();
    await expect(call).rejects.toMatchObject({ kind: 'signed-out' });
    expect(h.stored()?.accessToken).toBe('at-0');
  });
});
