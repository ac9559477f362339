/**
 * The extension's IndexedDB: the only place it persists anything. IndexedDB belongs to the
 * extension's origin, so no content script can open it, unlike storage.local and storage.sync.
 */
export const DB_NAME = 'glean-images';
export const DB_VERSION = 4;

export const STORES = {
  /** Credentials, read only by the background. */
  secrets: 'secrets',
  /** The user's settings, one record under 'settings', and other small records by name. */
  settings: 'settings',
  /** Uploads not finished yet (keyPath id). */
  jobs: 'jobs',
  /** Each unfinished upload's bytes, by job id, written once. */
  jobBytes: 'jobBytes',
  /** Finished uploads (keyPath id, indexes createdAt and fingerprint). */
  history: 'history',
} as const;

export type StoreName = (typeof STORES)[keyof typeof STORES];

/** Creates the stores missing at this version; later versions add theirs here. */
export function upgrade(db: IDBDatabase, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore(STORES.secrets);
    db.createObjectStore(STORES.settings);
  }
  if (oldVersion < 2) {
    db.createObjectStore(STORES.jobs, { keyPath: 'id' });
    db.createObjectStore(STORES.jobBytes);
    const history = db.createObjectStore(STORES.history, { keyPath: 'id' });
    history.createIndex('createdAt', 'createdAt');
    history.createIndex('fingerprint', 'fingerprint');
  }
  // Version 3 added a cache of image bytes fetched for pages. Pages no longer get bytes from the
  // extension (the browser loads Glean images itself, with the token added outside the page), so
  // version 4 drops it, with whatever it still held.
  if (oldVersion >= 3 && oldVersion < 4) {
    for (const name of ['imageCache', 'imageCacheMeta']) if (db.objectStoreNames.contains(name)) db.deleteObjectStore(name);
  }
}
