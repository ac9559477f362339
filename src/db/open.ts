import { t } from '../i18n/t';
import { clearReadCaches } from './read-cache';
import { DB_NAME, DB_VERSION, upgrade, type StoreName } from './schema';

let opening: Promise<IDBDatabase> | null = null;

/** Opens the database once per context and reuses the connection. */
export function openDb(): Promise<IDBDatabase> {
  if (opening) return opening;
  const attempt: Promise<IDBDatabase> = new Promise<IDBDatabase>((resolve, reject) => {
    let refused = false;
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = (event) => upgrade(req.result, event.oldVersion);
    req.onsuccess = () => {
      const db = req.result;
      // Refused as blocked, the request still goes through once the other context lets go; by then
      // the caller has its error and may have opened anew, so this connection only would leak.
      if (refused) {
        db.close();
        return;
      }
      // Another context upgrading the schema must not be blocked by this connection.
      db.onversionchange = () => {
        db.close();
        // Only this connection's own cache entry: a newer open may be cached by now.
        if (opening === attempt) opening = null;
        // The database is being replaced or deleted: what was read from it may not hold.
        clearReadCaches();
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error(t('db_openFailed')));
    req.onblocked = () => {
      refused = true;
      reject(new Error(t('db_blocked')));
    };
  }).catch((e: unknown) => {
    if (opening === attempt) opening = null;
    throw e;
  });
  opening = attempt;
  return attempt;
}

/**
 * Every write is handed to the operating system and not flushed to the disk one by one: Chromium
 * otherwise syncs each stored image file before it answers, which made storing an upload cost
 * hundreds of milliseconds under a burst. What is written survives the browser or the background
 * being stopped, the failures the queue is built for; only a crash of the whole machine within
 * moments of a write could lose it (Firefox has always committed this way).
 */
const WRITE_OPTIONS: IDBTransactionOptions = { durability: 'relaxed' };

/** Forgets the cached connection (tests delete the database between cases). */
export function closeDb(): void {
  void opening?.then((db) => db.close()).catch(() => undefined);
  opening = null;
  clearReadCaches();
}

/** Runs one request in its own transaction and resolves when the transaction has committed. */
export async function withStore<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  run: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode, WRITE_OPTIONS);
    const req = run(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? req.error);
    tx.onabort = () => reject(tx.error ?? new Error(t('db_transactionAborted')));
  });
}

/**
 * Runs `run` over several stores in ONE transaction and resolves with what its returned getter
 * reads once the transaction has committed; anything `run` throws aborts the whole transaction.
 */
export async function inTransaction<T>(
  stores: StoreName[],
  mode: IDBTransactionMode,
  run: (store: (name: StoreName) => IDBObjectStore) => () => T,
): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(stores, mode, WRITE_OPTIONS);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error(t('db_transactionAborted')));
    try {
      const result = run((name) => tx.objectStore(name));
      tx.oncomplete = () => resolve(result());
    } catch (e) {
      tx.abort();
      reject(e);
    }
  });
}
