/**
 * Which uploads the history holds, by id and by fingerprint, in memory once read. Every upload
 * asks whether the same bytes and metadata went before, and every hand-over whether it already
 * arrived; under a burst each such read was a transaction behind others' writes. Now "no" (nearly
 * always the answer) costs none, and "yes" reads the entry. The background is the history's only
 * writer, and src/db/history.ts notes each of its writes here once committed (see read-cache.ts).
 */
import { inTransaction } from './open';
import { readCache } from './read-cache';
import { STORES } from './schema';

interface Index {
  /** Fingerprint by entry id. */
  byId: Map<string, string>;
  /** Entry ids by fingerprint. */
  byFingerprint: Map<string, Set<string>>;
}

/** What an entry is known by here. */
export interface IndexedEntry {
  id: string;
  fingerprint: string;
}

function add(index: Index, { id, fingerprint }: IndexedEntry): void {
  index.byId.set(id, fingerprint);
  let ids = index.byFingerprint.get(fingerprint);
  if (!ids) index.byFingerprint.set(fingerprint, (ids = new Set()));
  ids.add(id);
}

function remove(index: Index, id: string): void {
  const fingerprint = index.byId.get(id);
  if (fingerprint === undefined) return;
  index.byId.delete(id);
  const ids = index.byFingerprint.get(fingerprint);
  ids?.delete(id);
  if (ids?.size === 0) index.byFingerprint.delete(fingerprint);
}

// Keys only: the fingerprint index's cursor gives each entry's fingerprint and id, never the
// entry itself (thumbnails included).
const index = readCache<Index>(() =>
  inTransaction([STORES.history], 'readonly', (store) => {
    const built: Index = { byId: new Map(), byFingerprint: new Map() };
    store(STORES.history).index('fingerprint').openKeyCursor().onsuccess = (e) => {
      const cursor = (e.target as IDBRequest<IDBCursor | null>).result;
      if (!cursor) return;
      add(built, { id: String(cursor.primaryKey), fingerprint: String(cursor.key) });
      cursor.continue();
    };
    return () => built;
  }),
);

/** Whether an entry with this id is in the history. */
export async function hasEntry(id: string): Promise<boolean> {
  return (await index.get()).byId.has(id);
}

/** Whether an entry with this fingerprint is in the history. */
export async function hasFingerprint(fingerprint: string): Promise<boolean> {
  return (await index.get()).byFingerprint.has(fingerprint);
}

/** Notes committed writes: entries put and entries deleted. */
export function noteWrites(put: IndexedEntry[], deleted: string[] = []): void {
  index.update((i) => {
    for (const entry of put) add(i, entry);
    for (const id of deleted) remove(i, id);
  });
}

/** Notes that the history was emptied. */
export function noteCleared(): void {
  index.update((i) => {
    i.byId.clear();
    i.byFingerprint.clear();
  });
}
