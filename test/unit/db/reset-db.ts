// Test helper: drops the cached connection and deletes the extension's database, so each test
// starts from an empty IndexedDB (fake-indexeddb, loaded as a setup file).
import { closeDb } from '../../../src/db/open';
import { DB_NAME } from '../../../src/db/schema';

/** Closes the shared connection and deletes the database; resolves once it is gone. */
export async function resetDb(): Promise<void> {
  closeDb();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error('deleteDatabase failed'));
    // `blocked` is followed by `success` once the open connection closes (openDb closes on versionchange).
  });
}
