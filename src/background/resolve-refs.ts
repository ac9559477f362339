/**
 * Page references to image bytes: one fetch per image however many tabs and elements ask for it at
 * once; memory, then the IndexedDB cache (one read per batch), then the network, a few fetches at
 * a time; writes to the cache gathered into one transaction. Reset when the credentials change, so nothing fetched
 * with an old token is served or stored afterwards.
 */
import { toErrorInfo } from '../glean/errors';
import type { ImageBytes, ImageQuery } from '../glean/types';
import type { ResolvedImage } from '../messaging/protocol';
import { refId } from '../content/ref-id';
import { createLimiter } from './limiter';
import { MemoryCache } from './resolve-memory';

/** Where resolved images are kept between pages (IndexedDB in the extension, a Map in tests). */
export interface ImageCache {
  getMany(ids: string[]): Promise<Map<string, ImageBytes>>;
  putMany(entries: [string, ImageBytes][]): Promise<void>;
  clear(): Promise<void>;
}

export type FetchImage = (query: ImageQuery) => Promise<ImageBytes>;

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A resolver with its own in-flight table, fetch limit, memory and write buffer. */
export function createResolver(cache: ImageCache, concurrency: number, opts: { flushMs?: number; memoryBytes?: number } = {}) {
  const flushMs = opts.flushMs ?? 200;
  const inFlight = new Map<string, Promise<ImageBytes>>();
  const memory = new MemoryCache(opts.memoryBytes ?? 16 * 1024 * 1024);
  // Fetched but not yet in the cache: served from here, written together.
  const unwritten = new Map<string, ImageBytes>();
  const limit = createLimiter(concurrency);
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writes: Promise<void> = Promise.resolve();

  function flush(): void {
    timer = null;
    const batch = [...unwritten];
    const gen = generation;
    writes = writes
      .then(() => (gen === generation ? cache.putMany(batch) : undefined))
      .catch(() => undefined) // a full disk costs a refetch later, not an answer now
      .then(() => batch.forEach(([id, image]) => unwritten.get(id) === image && unwritten.delete(id)));
  }

  function start(toLoad: Map<string, ImageQuery>, fetchImage: FetchImage): void {
    const gen = generation;
    const waiting = new Map([...toLoad.keys()].map((id) => [id, deferred<ImageBytes>()]));
    for (const [id, d] of waiting) {
      inFlight.set(id, d.promise);
      const done = () => inFlight.get(id) === d.promise && inFlight.delete(id);
      d.promise.then(done, done);
    }
    void cache
      .getMany([...toLoad.keys()])
      .catch(() => new Map<string, ImageBytes>())
      .then((hits) => {
        for (const [id, query] of toLoad) {
          const d = waiting.get(id)!;
          const hit = hits.get(id);
          if (hit) {
            if (gen === generation) memory.set(id, hit);
            d.resolve(hit);
          } else
            limit(() => fetchImage(query)).then((image) => {
              if (gen === generation) {
                memory.set(id, image);
                unwritten.set(id, image);
                timer ??= setTimeout(flush, flushMs);
              }
              d.resolve(image);
            }, d.reject);
        }
      });
  }

  return {
    /** One answer per query, in order; failures are per image. */
    resolve(queries: ImageQuery[], fetchImage: FetchImage): Promise<ResolvedImage[]> {
      const ids = queries.map(refId);
      const known = new Map<string, ImageBytes>();
      const toLoad = new Map<string, ImageQuery>();
      ids.forEach((id, i) => {
        const image = memory.get(id) ?? unwritten.get(id);
        if (image) known.set(id, image);
        else if (!inFlight.has(id)) toLoad.set(id, queries[i]!);
      });
      if (toLoad.size) start(toLoad, fetchImage);
      return Promise.all(
        queries.map(async (q, i): Promise<ResolvedImage> => {
          const key = 'key' in q ? { key: q.key } : {};
          const ready = known.get(ids[i]!) ?? inFlight.get(ids[i]!)!;
          try {
            return { ...key, ok: true, ...(await ready) };
          } catch (e) {
            return { ...key, ok: false, error: toErrorInfo(e) };
          }
        }),
      );
    },
    /** Forgets everything in flight or unwritten and empties the cache. */
    async reset(): Promise<void> {
      generation++;
      inFlight.clear();
      memory.clear();
      unwritten.clear();
      if (timer) clearTimeout(timer);
      timer = null;
      writes = writes.then(() => cache.clear()).catch(() => undefined);
      await writes;
    },
    /** Distinct images being fetched or looked up right now (for tests). */
    get inFlight(): number {
      return inFlight.size;
    },
  };
}
