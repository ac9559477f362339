import { DEFAULT_SETTINGS, type Settings } from '../settings/types';
import { withStore } from './open';
import { STORES } from './schema';

const KEY = 'settings';

/** Reads the settings, filling what an older version did not store with defaults. */
export async function loadSettings(): Promise<Settings> {
  const stored = await withStore<Partial<Settings> | undefined>(STORES.settings, 'readonly', (s) => s.get(KEY));
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Replaces the settings. */
export async function storeSettings(settings: Settings): Promise<void> {
  await withStore(STORES.settings, 'readwrite', (s) => s.put(settings, KEY));
}
