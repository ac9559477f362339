import { beforeEach, describe, expect, it } from 'vitest';
import { clearImageCache, getCachedImages, imageCacheUsage, putCachedImages, type CacheLimits } from '../../../src/db/image-cache';
import { resetDb } from './reset-db';

const LIMITS: CacheLimits = { maxBytes: 1000, maxAgeMs: 60_000, touchAfterMs: 1_000 };
const img = (size: number, fill = 1) => ({ bytes: new Uint8Array(size).fill(fill).buffer as ArrayBuffer, contentType: 'image/png' });
const put = (id: string, size: number, now: number) => putCachedImages([[id, img(size)]], now, LIMITS);
const has = async (now: number, ...ids: string[]) => [...(await getCachedImages(ids, now, LIMITS)).keys()].sort();
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(resetDb);

describe('image cache', () => {
  it('gives back the stored bytes and type, and nothing for what it does not hold', async () => {
    await putCachedImages([['a', { bytes: new Uint8Array([1, 2, 3]).buffer as ArrayBuffer, contentType: 'image/webp' }]], 0, LIMITS);
    const got = await getCachedImages(['a', 'b'], 10, LIMITS);
    expect([...got.keys()]).toEqual(['a']);
    expect(got.get('a')!.contentType).toBe('image/webp');
    expect([...new Uint8Array(got.get('a')!.bytes)]).toEqual([1, 2, 3]);
    expect(await imageCacheUsage()).toEqual({ count: 1, bytes: 3 });
  });

  it('stays within its bytes, dropping the least recently stored first', async () => {
    await put('a', 400, 1);
    await put('b', 400, 2);
    await put('c', 400, 3);
    expect(await has(4, 'a', 'b', 'c')).toEqual(['b', 'c']);
    expect((await imageCacheUsage()).bytes).toBe(800);
  });

  it('drops the least recently used, not the oldest stored: a hit counts as a use', async () => {
    await put('a', 400, 1);
    await put('b', 400, 2);
    // 'a' is read well after the touch interval, so it becomes the most recently used.
    expect(await has(5_000, 'a')).toEqual(['a']);
    await settle();
    await put('c', 400, 6_000);
    expect(await has(6_001, 'a', 'b', 'c')).toEqual(['a', 'c']);
  });

  it('stores several at once and evicts in the same step', async () => {
    await putCachedImages([['a', img(300)], ['b', img(300)], ['c', img(300)]], 1, LIMITS);
    await putCachedImages([['d', img(300)], ['e', img(300)]], 2, LIMITS);
    expect(await has(3, 'a', 'b', 'c', 'd', 'e')).toEqual(['c', 'd', 'e']);
  });

  it('never stores an image larger than the whole cache, and keeps what it had', async () => {
    await put('a', 500, 1);
    await put('huge', 1001, 2);
    expect(await has(3, 'a', 'huge')).toEqual(['a']);
  });

  it('does not serve an image past the age limit, and removes it', async () => {
    await put('old', 100, 0);
    await put('new', 100, 50_000);
    expect(await has(60_001, 'old', 'new')).toEqual(['new']);
    expect(await imageCacheUsage()).toEqual({ count: 1, bytes: 100 });
  });

  it('drops entries past the age limit when storing', async () => {
    await put('old', 100, 0);
    await put('new', 100, 70_000);
    expect(await imageCacheUsage()).toEqual({ count: 1, bytes: 100 });
  });

  it('empties completely', async () => {
    await put('a', 100, 0);
    await put('b', 100, 0);
    await clearImageCache();
    expect(await imageCacheUsage()).toEqual({ count: 0, bytes: 0 });
    expect(await has(1, 'a', 'b')).toEqual([]);
  });
});
