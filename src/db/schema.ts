/**
 * The extension's IndexedDB: the only place it persists anything. IndexedDB belongs to the
 * extension's origin, so no content script can open it, unlike storage.local and storage.sync.
 */
export const DB_NAME = 'glean-images';
export const DB_VERSION = 3;

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
  /** Image bytes fetched for pages, by reference id (keyPath id). */
  imageCache: 'imageCache',
  /** Size and times of each cached image (keyPath id, index usedAt), so eviction never reads bytes. */
  imageCacheMeta: 'imageCacheMeta',
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
  if (oldVersion < 3) {
    db.createObjectStore(STORES.imageCache, { keyPath: 'id' });
    db.createObjectStore(STORES.imageCacheMeta, { keyPath: 'id' }).createIndex('usedAt', 'usedAt');
  }
}
