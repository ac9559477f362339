import { DEFAULT_SETTINGS, type Settings } from '../settings/types';
import { openDb, withStore } from './open';
import { STORES } from './schema';

const KEY = 'settings';
/** The settings record's key in the settings store (for transactions that write it with more). */
export const SETTINGS_KEY = KEY;

/** Reads the settings, filling what an older version did not store with defaults. */
export async function loadSettings(): Promise<Settings> {
  const stored = await withStore<Partial<Settings> | undefined>(STORES.settings, 'readonly', (s) => s.get(KEY));
  return { ...DEFAULT_SETTINGS, ...stored };
}

/**
 * Replaces the settings and, when given, the token, in ONE transaction: a failure part-way must
 * never leave a new backend paired with the old token, which would send that token elsewhere.
 */
export async function storeSettings(settings: Settings, token?: string): Promise<void> {
  const db = await openDb();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction([STORES.settings, STORES.secrets], 'readwrite');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('Saving the settings was interrupted.'));
    try {
      tx.objectStore(STORES.settings).put(settings, KEY);
      if (token !== undefined) tx.objectStore(STORES.secrets).put(token, 'apiToken');
    } catch (e) {
      tx.abort();
      reject(e);
    }
  });
}
