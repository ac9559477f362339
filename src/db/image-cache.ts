/**
 * Images fetched for pages, by reference id: bytes in one store, size and times in another so
 * that eviction never reads bytes. Bounded in bytes (least recently used out) and in age.
 */
import type { ImageBytes } from '../glean/types';
import { inTransaction } from './open';
import { STORES } from './schema';

/** The cache's bounds; `touchAfterMs` spares a write on every hit (LRU to the minute is enough). */
export interface CacheLimits {
  maxBytes: number;
  maxAgeMs: number;
  touchAfterMs: number;
}

export const CACHE_LIMITS: CacheLimits = { maxBytes: 64 * 1024 * 1024, maxAgeMs: 24 * 60 * 60 * 1000, touchAfterMs: 60 * 1000 };

interface Meta {
  id: string;
  size: number;
  storedAt: number;
  usedAt: number;
}

/** Runs `run` in one transaction over both stores; resolves with its result once committed. */
function inTx<T>(mode: IDBTransactionMode, run: (meta: IDBObjectStore, bytes: IDBObjectStore) => () => T): Promise<T> {
  return inTransaction([STORES.imageCacheMeta, STORES.imageCache], mode, (store) => run(store(STORES.imageCacheMeta), store(STORES.imageCache)));
}

/** The cached images among `ids`, in one transaction; entries past the age limit are removed. */
export async function getCachedImages(ids: string[], now: number, limits: CacheLimits = CACHE_LIMITS): Promise<Map<string, ImageBytes>> {
  const found = await inTx('readonly', (m, b) => {
    const reqs = ids.map((id) => [id, m.get(id) as IDBRequest<Meta | undefined>, b.get(id) as IDBRequest<({ id: string } & ImageBytes) | undefined>] as const);
    return () => reqs.map(([id, meta, entry]) => ({ id, meta: meta.result, entry: entry.result }));
  });
  const out = new Map<string, ImageBytes>();
  const expired: string[] = [];
  const touched: string[] = [];
  for (const { id, meta, entry } of found) {
    if (!meta || !entry) continue;
    if (now - meta.storedAt > limits.maxAgeMs) expired.push(id);
    else {
      out.set(id, { bytes: entry.bytes, contentType: entry.contentType });
      if (now - meta.usedAt > limits.touchAfterMs) touched.push(id);
    }
  }
  if (expired.length) await deleteCachedImages(expired);
  if (touched.length) void touch(touched, now).catch(() => undefined);
  return out;
}

async function touch(ids: string[], now: number): Promise<void> {
  await inTx('readwrite', (m) => {
    for (const id of ids) {
      const req = m.get(id) as IDBRequest<Meta | undefined>;
      req.onsuccess = () => {
        if (req.result) m.put({ ...req.result, usedAt: now });
      };
    }
    return () => undefined;
  });
}

/**
 * Stores images, then, in the same transaction, drops entries past the age limit and the least
 * recently used ones until the total fits. An image larger than the whole cache is not stored.
 */
export async function putCachedImages(entries: [string, ImageBytes][], now: number, limits: CacheLimits = CACHE_LIMITS): Promise<void> {
  const fitting = entries.filter(([, image]) => image.bytes.byteLength <= limits.maxBytes);
  if (!fitting.length) return;
  const added = new Set(fitting.map(([id]) => id));
  await inTx('readwrite', (m, b) => {
    for (const [id, image] of fitting) {
      b.put({ id, bytes: image.bytes, contentType: image.contentType });
      m.put({ id, size: image.bytes.byteLength, storedAt: now, usedAt: now } satisfies Meta);
    }
    const all = m.getAll() as IDBRequest<Meta[]>;
    all.onsuccess = () => {
      const drop = (e: Meta) => {
        m.delete(e.id);
        b.delete(e.id);
      };
      const fresh = all.result.filter((e) => (now - e.storedAt > limits.maxAgeMs ? (drop(e), false) : true));
      let total = fresh.reduce((sum, e) => sum + e.size, 0);
      // Oldest use first; what was just stored goes last, and only if it alone is too much.
      fresh.sort((x, y) => Number(added.has(x.id)) - Number(added.has(y.id)) || x.usedAt - y.usedAt);
      for (const e of fresh) {
        if (total <= limits.maxBytes) break;
        drop(e);
        total -= e.size;
      }
    };
    return () => undefined;
  });
}

/** Removes some entries. */
export async function deleteCachedImages(ids: string[]): Promise<void> {
  await inTx('readwrite', (m, b) => {
    for (const id of ids) {
      m.delete(id);
      b.delete(id);
    }
    return () => undefined;
  });
}

/** Empties the cache (the token or backend changed). */
export async function clearImageCache(): Promise<void> {
  await inTx('readwrite', (m, b) => {
    m.clear();
    b.clear();
    return () => undefined;
  });
}

/** How many images and bytes the cache holds. */
export async function imageCacheUsage(): Promise<{ count: number; bytes: number }> {
  const all = await inTx('readonly', (m) => {
    const req = m.getAll() as IDBRequest<Meta[]>;
    return () => req.result;
  });
  return { count: all.length, bytes: all.reduce((sum, e) => sum + e.size, 0) };
}
