import { withStore } from './open';
import { STORES } from './schema';

const KEY = 'resolveSites';

/** The sites (origins) where the user enabled showing Glean images. */
export async function loadSites(): Promise<string[]> {
  return (await withStore<string[] | undefined>(STORES.settings, 'readonly', (s) => s.get(KEY))) ?? [];
}

/** Replaces the list of enabled sites. */
export async function storeSites(sites: string[]): Promise<void> {
  await withStore(STORES.settings, 'readwrite', (s) => s.put(sites, KEY));
}
