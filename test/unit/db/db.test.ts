import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDb, openDb, withStore } from '../../../src/db/open';
import { DB_NAME, DB_VERSION, STORES } from '../../../src/db/schema';
import { deleteSecret, getSecret, setSecret } from '../../../src/db/secrets';
import { loadSettings, storeSettings } from '../../../src/db/settings';
import { loadSites, storeSites } from '../../../src/db/sites';
import { DEFAULT_SETTINGS } from '../../../src/settings/types';
import { resetDb } from './reset-db';

beforeEach(resetDb);

/** Makes the database as an older version left it: its stores, and what `write` puts in them. */
function oldDatabase(version: number, stores: (db: IDBDatabase) => void, write: (db: IDBDatabase) => IDBTransaction): Promise<void> {
  closeDb();
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, version);
    req.onupgradeneeded = () => stores(req.result);
    req.onsuccess = () => {
      const tx = write(req.result);
      tx.oncomplete = () => {
        req.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}

describe('openDb', () => {
  it('creates the schema at the current version', async () => {
    const db = await openDb();
    expect(db.name).toBe(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(Object.values(STORES).sort());
  });

  it('upgrades a version-1 database, keeping its token and settings', async () => {
    await oldDatabase(
      1,
      (db) => {
        db.createObjectStore(STORES.secrets);
        db.createObjectStore(STORES.settings);
      },
      (db) => {
        const tx = db.transaction([STORES.secrets, STORES.settings], 'readwrite');
        tx.objectStore(STORES.secrets).put('old-token', 'apiToken');
        tx.objectStore(STORES.settings).put({ apiBase: 'https://old-be.glean.com/rest/api/v1', tokenType: 'user', actAs: '', userId: 'u' }, 'settings');
        return tx;
      },
    );
    const db = await openDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(Object.values(STORES).sort());
    expect(await getSecret('apiToken')).toBe('old-token');
    expect((await loadSettings()).apiBase).toBe('https://old-be.glean.com/rest/api/v1');
  });

  it('upgrades a version-3 database: the cache of page images goes, uploads and token stay', async () => {
    await oldDatabase(
      3,
      (db) => {
        for (const name of [STORES.secrets, STORES.settings, STORES.jobBytes]) db.createObjectStore(name);
        for (const name of [STORES.jobs, STORES.history, 'imageCache', 'imageCacheMeta']) db.createObjectStore(name, { keyPath: 'id' });
      },
      (db) => {
        const tx = db.transaction([STORES.secrets, 'imageCache'], 'readwrite');
        tx.objectStore(STORES.secrets).put('v3-token', 'apiToken');
        tx.objectStore('imageCache').put({ id: 'k:seed-alice', bytes: new ArrayBuffer(8) });
        return tx;
      },
    );
    const db = await openDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).not.toContain('imageCache');
    expect([...db.objectStoreNames]).not.toContain('imageCacheMeta');
    expect(await getSecret('apiToken')).toBe('v3-token');
  });

  it('reuses one connection per context', async () => {
    const [a, b] = await Promise.all([openDb(), openDb()]);
    expect(a).toBe(b);
    expect(await openDb()).toBe(a);
  });

  it('opens a fresh connection after closeDb', async () => {
    const a = await openDb();
    closeDb();
    const b = await openDb();
    expect(b).not.toBe(a);
    // The new one works.
    await withStore(STORES.settings, 'readwrite', (s) => s.put(1, 'x'));
    expect(await withStore(STORES.settings, 'readonly', (s) => s.get('x'))).toBe(1);
  });

  it('closes, rather than keeps, a connection whose open was refused as blocked and went through later', async () => {
    // An older context (say a background being replaced) holds version 1 open and does not give way.
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(STORES.secrets);
        req.result.createObjectStore(STORES.settings);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const requests: IDBOpenDBRequest[] = [];
    const realOpen = indexedDB.open.bind(indexedDB);
    vi.spyOn(indexedDB, 'open').mockImplementation((name, version) => {
      const req = realOpen(name, version);
      requests.push(req);
      return req;
    });
    await expect(openDb()).rejects.toThrow(/another window|blocked/i);
    const [late] = requests;
    const lateOpened = new Promise((resolve) => late!.addEventListener('success', resolve));
    // The old context goes away: the refused request now goes through, and its connection must not linger.
    old.close();
    await lateOpened;
    expect(() => late!.result.transaction(STORES.settings)).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    // The next open is a fresh, working, cached connection.
    const db = await openDb();
    expect(db).not.toBe(late!.result);
    expect(await openDb()).toBe(db);
    await withStore(STORES.settings, 'readwrite', (s) => s.put(1, 'x'));
    expect(await withStore(STORES.settings, 'readonly', (s) => s.get('x'))).toBe(1);
  });

  it('lets another context delete or upgrade the database (closes on versionchange)', async () => {
    await setSecret('apiToken', 'tok');
    await openDb();
    // No closeDb(): the open connection must give way by itself, or this would hang.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase(DB_NAME);
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    });
    // And the next use reopens a fresh, empty database.
    expect(await getSecret('apiToken')).toBeUndefined();
  });
});

describe('withStore', () => {
  it('round-trips values of several kinds and resolves after commit', async () => {
    const value = { a: 1, nested: { list: [1, 'two', null] }, bytes: new Uint8Array([1, 2, 3]).buffer };
    await withStore(STORES.settings, 'readwrite', (s) => s.put(value, 'obj'));
    const back = await withStore<typeof value>(STORES.settings, 'readonly', (s) => s.get('obj'));
    expect(back).toEqual(value);
    expect(back).not.toBe(value);
    expect(new Uint8Array(back.bytes)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('resolves with the request result (e.g. the key of a put)', async () => {
    expect(await withStore(STORES.settings, 'readwrite', (s) => s.put('v', 'k1'))).toBe('k1');
    expect(await withStore(STORES.settings, 'readonly', (s) => s.count())).toBe(1);
  });

  it('rejects when the transaction fails, and writes nothing', async () => {
    await withStore(STORES.settings, 'readwrite', (s) => s.put('first', 'dup'));
    await expect(withStore(STORES.settings, 'readwrite', (s) => s.add('second', 'dup'))).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await withStore(STORES.settings, 'readonly', (s) => s.get('dup'))).toBe('first');
  });

  it('rejects a write in a readonly transaction', async () => {
    await expect(withStore(STORES.settings, 'readonly', (s) => s.put('v', 'k'))).rejects.toMatchObject({ name: 'ReadOnlyError' });
    expect(await withStore(STORES.settings, 'readonly', (s) => s.get('k'))).toBeUndefined();
  });
});

describe('secrets', () => {
  it('is empty at first', async () => {
    expect(await getSecret('apiToken')).toBeUndefined();
  });

  it('sets, replaces and deletes', async () => {
    await setSecret('apiToken', 'one');
    expect(await getSecret('apiToken')).toBe('one');
    await setSecret('apiToken', 'two');
    expect(await getSecret('apiToken')).toBe('two');
    await deleteSecret('apiToken');
    expect(await getSecret('apiToken')).toBeUndefined();
    await expect(deleteSecret('apiToken')).resolves.toBeUndefined(); // deleting nothing is fine
  });

  it('keeps secrets in their own store, apart from the settings', async () => {
    await setSecret('apiToken', 'hidden');
    expect(await withStore(STORES.settings, 'readonly', (s) => s.getAll())).toEqual([]);
    expect(await withStore(STORES.secrets, 'readonly', (s) => s.getAll())).toEqual(['hidden']);
  });
});

describe('settings', () => {
  it('returns the defaults when nothing is stored', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('returns a copy of the defaults, not the shared object', async () => {
    const s = await loadSettings();
    s.apiBase = 'changed';
    expect(DEFAULT_SETTINGS.apiBase).toBe('');
    expect((await loadSettings()).apiBase).toBe('');
  });

  it('round-trips stored settings', async () => {
    const settings = { apiBase: 'https://acme-be.glean.com/rest/api/v1', tokenType: 'global' as const, actAs: 'jane@acme.com', userId: 'u1' };
    await storeSettings(settings);
    expect(await loadSettings()).toEqual(settings);
  });

  it('fills fields an older version did not store with defaults', async () => {
    await withStore(STORES.settings, 'readwrite', (s) => s.put({ apiBase: 'https://old-be.glean.com/rest/api/v1' }, 'settings'));
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, apiBase: 'https://old-be.glean.com/rest/api/v1' });
  });

  it('does not mix with the sites record in the same store', async () => {
    await storeSites(['https://a.example']);
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('sites', () => {
  it('is an empty list at first', async () => {
    expect(await loadSites()).toEqual([]);
  });

  it('stores and replaces the list', async () => {
    await storeSites(['https://a.example', 'https://b.example']);
    expect(await loadSites()).toEqual(['https://a.example', 'https://b.example']);
    await storeSites([]);
    expect(await loadSites()).toEqual([]);
  });

  it('survives a new connection (persisted, not cached)', async () => {
    await storeSites(['https://a.example']);
    closeDb();
    expect(await loadSites()).toEqual(['https://a.example']);
  });
});

describe('test isolation', () => {
  it('starts each test with an empty database (part 1: write)', async () => {
    await setSecret('apiToken', 'leak?');
    await storeSites(['https://leak.example']);
  });
  it('starts each test with an empty database (part 2: nothing left)', async () => {
    expect(await getSecret('apiToken')).toBeUndefined();
    expect(await loadSites()).toEqual([]);
  });
});
