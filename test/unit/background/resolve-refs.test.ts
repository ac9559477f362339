import { describe, expect, it, vi } from 'vitest';
import { createResolver, type ImageCache } from '../../../src/background/resolve-refs';
import { clearImageCache, getCachedImages, putCachedImages } from '../../../src/db/image-cache';
import { GleanError } from '../../../src/glean/errors';
import type { ImageBytes, ImageQuery } from '../../../src/glean/types';
import { resetDb } from '../db/reset-db';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
const bytesOf = (q: ImageQuery) => new TextEncoder().encode(JSON.stringify(q)).buffer as ArrayBuffer;
const text = (r: { ok: boolean; bytes?: ArrayBuffer }) => (r.ok && r.bytes ? new TextDecoder().decode(r.bytes) : null);

/** A Map-backed cache that counts its calls. */
function memoryCache() {
  const store = new Map<string, ImageBytes>();
  const calls = { getMany: 0, putMany: 0, clear: 0 };
  const cache: ImageCache = {
    async getMany(ids) {
      calls.getMany++;
      return new Map(ids.flatMap((id) => (store.has(id) ? [[id, store.get(id)!] as const] : [])));
    },
    async putMany(entries) {
      calls.putMany++;
      for (const [id, image] of entries) store.set(id, image);
    },
    async clear() {
      calls.clear++;
      store.clear();
    },
  };
  return { cache, store, calls };
}

/** A fetch that waits `ms` and counts calls and the most at once. */
function slowFetch(ms = 5) {
  const seen: ImageQuery[] = [];
  let active = 0;
  let peak = 0;
  const fetchImage = vi.fn(async (q: ImageQuery): Promise<ImageBytes> => {
    seen.push(q);
    peak = Math.max(peak, ++active);
    await tick(ms);
    active--;
    if ('key' in q && q.key === 'gone') throw new GleanError('not-found', 'Nothing here (404).', { status: 404 });
    return { bytes: bytesOf(q), contentType: 'image/png' };
  });
  return { fetchImage, seen, peak: () => peak };
}

describe('createResolver: merging', () => {
  it('fetches identical refs in one batch once, answering each in order', async () => {
    const { cache } = memoryCache();
    const net = slowFetch();
    const r = createResolver(cache, 4, { flushMs: 1 });
    const out = await r.resolve([{ key: 'a' }, { type: 'USER', id: 'b' }, { key: 'a' }, { id: 'b', type: 'USER', ds: '' }], net.fetchImage);
    expect(net.fetchImage).toHaveBeenCalledTimes(2);
    expect(out.map((x) => x.ok)).toEqual([true, true, true, true]);
    expect(out.map((x) => x.key)).toEqual(['a', undefined, 'a', undefined]);
    expect(text(out[2]!)).toBe('{"key":"a"}');
  });

  it('merges identical refs asked by concurrent batches (other tabs) into one fetch', async () => {
    const { cache } = memoryCache();
    const net = slowFetch(20);
    const r = createResolver(cache, 4);
    const batches = await Promise.all([
      r.resolve([{ key: 'a' }, { key: 'b' }], net.fetchImage),
      r.resolve([{ key: 'b' }, { key: 'c' }], net.fetchImage),
      r.resolve([{ key: 'a' }], net.fetchImage),
    ]);
    expect(net.seen.map((q) => ('key' in q ? q.key : '')).sort()).toEqual(['a', 'b', 'c']);
    expect(batches.flat().every((x) => x.ok)).toBe(true);
    expect(r.inFlight).toBe(0);
  });

  it('keeps to the concurrency bound, and uses it', async () => {
    const { cache } = memoryCache();
    const net = slowFetch(3);
    const r = createResolver(cache, 4);
    await r.resolve(Array.from({ length: 23 }, (_, i) => ({ key: `k${i}` })), net.fetchImage);
    expect(net.peak()).toBe(4);
  });

  it('answers failures per ref without failing the others, and does not remember them', async () => {
    const { cache, store } = memoryCache();
    const net = slowFetch();
    const r = createResolver(cache, 4, { flushMs: 1 });
    const out = await r.resolve([{ key: 'ok' }, { key: 'gone' }], net.fetchImage);
    expect(out[1]).toEqual({ key: 'gone', ok: false, error: { kind: 'not-found', message: 'Nothing here (404).', status: 404 } });
    await tick(10);
    expect([...store.keys()]).toEqual(['k:ok']);
    await r.resolve([{ key: 'gone' }], net.fetchImage);
    expect(net.fetchImage).toHaveBeenCalledTimes(3);
  });
});

describe('createResolver: cache', () => {
  it('reads the cache once per batch, before the network, and writes fetched images together', async () => {
    const { cache, store, calls } = memoryCache();
    store.set('k:cached', { bytes: new ArrayBuffer(3), contentType: 'image/gif' });
    const net = slowFetch();
    const r = createResolver(cache, 4, { flushMs: 5 });
    const out = await r.resolve([{ key: 'cached' }, { key: 'n1' }, { key: 'n2' }], net.fetchImage);
    expect(out[0]).toMatchObject({ ok: true, contentType: 'image/gif' });
    expect(calls.getMany).toBe(1);
    expect(net.fetchImage).toHaveBeenCalledTimes(2);
    await tick(20);
    expect(calls.putMany).toBe(1);
    expect([...store.keys()].sort()).toEqual(['k:cached', 'k:n1', 'k:n2']);
  });

  it('serves what it just fetched from memory, before it is written', async () => {
    const { cache, calls } = memoryCache();
    const net = slowFetch();
    const r = createResolver(cache, 4, { flushMs: 1000 });
    await r.resolve([{ key: 'a' }], net.fetchImage);
    await r.resolve([{ key: 'a' }], net.fetchImage);
    expect(net.fetchImage).toHaveBeenCalledTimes(1);
    expect(calls.getMany).toBe(1);
  });

  it('after a reset, neither serves nor stores what was fetched with the old credentials', async () => {
    const { cache, store, calls } = memoryCache();
    const net = slowFetch(20);
    const r = createResolver(cache, 4, { flushMs: 1 });
    const late = r.resolve([{ key: 'old' }], net.fetchImage);
    await tick(5);
    await r.reset();
    expect((await late)[0]!.ok).toBe(true); // the page that asked still gets its answer
    await tick(10);
    expect(store.size).toBe(0);
    expect(calls.clear).toBe(1);
    await r.resolve([{ key: 'old' }], net.fetchImage);
    expect(net.fetchImage).toHaveBeenCalledTimes(2);
  });

  it('works over the IndexedDB cache: a new resolver (a restarted background) fetches nothing', async () => {
    await resetDb();
    const idb: ImageCache = { getMany: (ids) => getCachedImages(ids, Date.now()), putMany: (e) => putCachedImages(e, Date.now()), clear: clearImageCache };
    const net = slowFetch();
    const first = createResolver(idb, 4, { flushMs: 1 });
    await first.resolve([{ key: 'a' }, { type: 'USER', id: 'b' }], net.fetchImage);
    await vi.waitFor(async () => expect((await getCachedImages(['k:a'], Date.now())).size).toBe(1));
    await tick(20);
    const second = createResolver(idb, 4);
    const out = await second.resolve([{ type: 'USER', id: 'b' }, { key: 'a' }], net.fetchImage);
    expect(out.map(text)).toEqual(['{"type":"USER","id":"b"}', '{"key":"a"}']);
    expect(net.fetchImage).toHaveBeenCalledTimes(2);
  });
});
