/**
 * Small records read on every upload (settings, upload preferences) kept in memory once read. The
 * background is their only writer (extension pages ask it through messages), and every write
 * goes through src/db/, which drops the copy after committing; so does closing the connection.
 * Under a burst of uploads each read used to wait 20 ms or more behind the large byte writes.
 */
export interface ReadCache<T> {
  get(): Promise<T>;
  /** Drops the copy: the next get reads again. */
  clear(): void;
  /**
   * Applies a write the caller has just committed to the copy, if one is kept or being read. The
   * change must be idempotent: a read that started before the commit may already include it.
   */
  update(change: (value: T) => void): void;
}

const caches = new Set<ReadCache<unknown>>();

/** A cache over `read`; a failed read is not kept. */
export function readCache<T>(read: () => Promise<T>): ReadCache<T> {
  let value: Promise<T> | null = null;
  const cache: ReadCache<T> = {
    get() {
      const reading = (value ??= read());
      reading.catch(() => {
        if (value === reading) value = null;
      });
      return reading;
    },
    clear() {
      value = null;
    },
    update(change) {
      const current = value;
      if (!current) return;
      const updated = current.then((v) => {
        change(v);
        return v;
      });
      value = updated;
      updated.catch(() => {
        if (value === updated) value = null;
      });
    },
  };
  caches.add(cache as ReadCache<unknown>);
  return cache;
}

/** Drops every copy (the database was closed or deleted). */
export function clearReadCaches(): void {
  for (const cache of caches) cache.clear();
}
