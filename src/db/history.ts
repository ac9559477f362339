/** Finished uploads, newest first, capped so the history cannot grow without end. */
import type { HistoryEntry } from '../history/types';
import { groupCommit } from './group-commit';
import { hasEntry, hasFingerprint, noteCleared, noteWrites } from './history-index';
import { inTransaction, withStore } from './open';
import { STORES } from './schema';

// Answers come in bursts (40 files at once): entries close together share one transaction.
const addEntries = groupCommit<{ entry: HistoryEntry; cap: number }>(async (items) => {
  const entries = items.map((i) => i.entry);
  const dropped = await inTransaction([STORES.history], 'readwrite', (store) => {
    const ids = putCapped(store(STORES.history), entries, Math.min(...items.map((i) => i.cap)));
    return () => ids;
  });
  noteWrites(entries, dropped);
});

/**
 * Adds an entry and drops the oldest beyond `cap`. The queue's record that an upload is done: it
 * touches the history store alone, so it never waits behind new jobs' byte writes.
 */
export function addHistory(entry: HistoryEntry, cap: number): Promise<void> {
  return addEntries({ entry, cap });
}

/**
 * Puts entries into the history store of a running transaction and drops the oldest beyond `cap`;
 * the ids dropped are in the returned list once the transaction completes.
 */
function putCapped(store: IDBObjectStore, entries: HistoryEntry[], cap: number): string[] {
  const dropped: string[] = [];
  for (const entry of entries) store.put(entry);
  const countReq = store.count();
  countReq.onsuccess = () => {
    let excess = countReq.result - cap;
    if (excess <= 0) return;
    // The createdAt index walks oldest first; keys are enough to delete.
    store.index('createdAt').openKeyCursor().onsuccess = (e) => {
      const cursor = (e.target as IDBRequest<IDBCursor | null>).result;
      if (!cursor || excess <= 0) return;
      dropped.push(String(cursor.primaryKey));
      store.delete(cursor.primaryKey);
      excess -= 1;
      cursor.continue();
    };
  };
  return dropped;
}

/** Replaces an entry (e.g. to add its thumbnail). */
export async function putHistory(entry: HistoryEntry): Promise<void> {
  await withStore(STORES.history, 'readwrite', (s) => s.put(entry));
  noteWrites([entry]);
}

/** The newest `limit` entries. */
export async function listHistory(limit: number): Promise<HistoryEntry[]> {
  const all = await withStore<HistoryEntry[]>(STORES.history, 'readonly', (s) => s.index('createdAt').getAll());
  return all.reverse().slice(0, limit);
}

/** The newest entry with this fingerprint (the same bytes and metadata), if any. */
export async function findHistoryByFingerprint(fingerprint: string): Promise<HistoryEntry | undefined> {
  if (!(await hasFingerprint(fingerprint))) return undefined;
  const found = await withStore<HistoryEntry[]>(STORES.history, 'readonly', (s) => s.index('fingerprint').getAll(fingerprint));
  return found.sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** One entry by id. */
export async function getHistory(id: string): Promise<HistoryEntry | undefined> {
  if (!(await hasEntry(id))) return undefined;
  return withStore<HistoryEntry | undefined>(STORES.history, 'readonly', (s) => s.get(id));
}

/** Empties the history. */
export async function clearHistory(): Promise<void> {
  await withStore(STORES.history, 'readwrite', (s) => s.clear());
  noteCleared();
}
