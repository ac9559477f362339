import { DEFAULT_SETTINGS, type Settings } from '../settings/types';
import { inTransaction, withStore } from './open';
import { readCache } from './read-cache';
import { STORES } from './schema';

const KEY = 'settings';
/** The settings record's key in the settings store (for transactions that write it with more). */
export const SETTINGS_KEY = KEY;

/** The settings as stored, kept in memory between writes (see read-cache.ts). */
export const storedSettings = readCache(() => withStore<Partial<Settings> | undefined>(STORES.settings, 'readonly', (s) => s.get(KEY)));

/** Reads the settings, filling what an older version did not store with defaults. */
export async function loadSettings(): Promise<Settings> {
  // A fresh object each time: callers may change theirs.
  return { ...DEFAULT_SETTINGS, ...structuredClone(await storedSettings.get()) };
}

/**
 * Replaces the settings and, when given, the token, in ONE transaction: a failure part-way must
 * never leave a new backend paired with the old token, which would send that token elsewhere.
 */
export async function storeSettings(settings: Settings, token?: string): Promise<void> {
  await inTransaction([STORES.settings, STORES.secrets], 'readwrite', (store) => {
    store(STORES.settings).put(settings, KEY);
    if (token !== undefined) store(STORES.secrets).put(token, 'apiToken');
    return () => undefined;
  });
  storedSettings.clear();
}
