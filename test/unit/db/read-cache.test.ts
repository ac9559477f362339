// Settings and preferences are read for every upload; kept in memory, they must still never be stale.
import { beforeEach, describe, expect, it } from 'vitest';
import { closeDb } from '../../../src/db/open';
import { loadUploadPreferences, storeUploadPreferences } from '../../../src/db/preferences';
import { readCache } from '../../../src/db/read-cache';
import { loadSettings, storeSettings } from '../../../src/db/settings';
import { DEFAULT_UPLOAD_PREFERENCES } from '../../../src/settings/upload-preferences';
import { resetDb } from './reset-db';

beforeEach(resetDb);

describe('readCache', () => {
  it('reads once until cleared, and does not keep a failed read', async () => {
    let reads = 0;
    let fail = true;
    const cache = readCache(async () => {
      reads += 1;
      if (fail) throw new Error('not now');
      return reads;
    });
    await expect(cache.get()).rejects.toThrow('not now');
    fail = false;
    expect(await cache.get()).toBe(2);
    expect(await cache.get()).toBe(2);
    cache.clear();
    expect(await cache.get()).toBe(3);
  });
});

describe('settings and upload preferences read through the cache', () => {
  it('give what was last stored', async () => {
    expect((await loadSettings()).userId).toBe('');
    await storeSettings({ ...(await loadSettings()), userId: 'alice' });
    expect((await loadSettings()).userId).toBe('alice');
    expect((await loadUploadPreferences()).concurrency).toBe(DEFAULT_UPLOAD_PREFERENCES.concurrency);
    await storeUploadPreferences({ ...DEFAULT_UPLOAD_PREFERENCES, concurrency: 5 });
    expect((await loadUploadPreferences()).concurrency).toBe(5);
  });

  it('hand out copies: a caller changing its settings changes nobody else’s', async () => {
    await storeSettings({ ...(await loadSettings()), userId: 'alice' });
    const mine = await loadSettings();
    mine.userId = 'mallory';
    expect((await loadSettings()).userId).toBe('alice');
  });

  it('forget what they held when the database is closed (and deleted)', async () => {
    await storeSettings({ ...(await loadSettings()), userId: 'alice' });
    expect((await loadSettings()).userId).toBe('alice');
    closeDb();
    await resetDb();
    expect((await loadSettings()).userId).toBe('');
  });
});
