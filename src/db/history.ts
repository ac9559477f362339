/** Finished uploads, newest first, capped so the history cannot grow without end. */
import type { HistoryEntry } from '../history/types';
import { inTransaction, withStore } from './open';
import { STORES } from './schema';

/** Adds an entry and drops the oldest beyond `cap`. */
export async function addHistory(entry: HistoryEntry, cap: number): Promise<void> {
  await inTransaction([STORES.history], 'readwrite', (store) => {
    putCapped(store(STORES.history), entry, cap);
    return () => undefined;
  });
}

/** Puts an entry into the history store of a running transaction and drops the oldest beyond `cap`. */
function putCapped(store: IDBObjectStore, entry: HistoryEntry, cap: number): void {
  store.put(entry);
  const countReq = store.count();
  countReq.onsuccess = () => {
    let excess = countReq.result - cap;
    if (excess <= 0) return;
    // The createdAt index walks oldest first.
    store.index('createdAt').openCursor().onsuccess = (e) => {
      const cursor = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
      if (!cursor || excess <= 0) return;
      cursor.delete();
      excess -= 1;
      cursor.continue();
    };
  };
}

/** Replaces an entry (e.g. to add its thumbnail). */
export async function putHistory(entry: HistoryEntry): Promise<void> {
  await withStore(STORES.history, 'readwrite', (s) => s.put(entry));
}

/** The newest `limit` entries. */
export async function listHistory(limit: number): Promise<HistoryEntry[]> {
  const all = await withStore<HistoryEntry[]>(STORES.history, 'readonly', (s) => s.index('createdAt').getAll());
  return all.reverse().slice(0, limit);
}

/** The newest entry with this fingerprint (the same bytes and metadata), if any. */
export async function findHistoryByFingerprint(fingerprint: string): Promise<HistoryEntry | undefined> {
  const found = await withStore<HistoryEntry[]>(STORES.history, 'readonly', (s) => s.index('fingerprint').getAll(fingerprint));
  return found.sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** One entry by id. */
export function getHistory(id: string): Promise<HistoryEntry | undefined> {
  return withStore<HistoryEntry | undefined>(STORES.history, 'readonly', (s) => s.get(id));
}

/** Empties the history. */
export async function clearHistory(): Promise<void> {
  await withStore(STORES.history, 'readwrite', (s) => s.clear());
}
