import { withStore } from './open';
import { getRecord, setRecord } from './records';
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

const EVERYWHERE = 'resolveEverywhere';

/** Whether the user opted in to showing Glean images on every site. */
export async function loadEverywhere(): Promise<boolean> {
  return (await getRecord<boolean>(EVERYWHERE)) === true;
}

/** Stores the "every site" opt-in. */
export async function storeEverywhere(everywhere: boolean): Promise<void> {
  await setRecord(EVERYWHERE, everywhere || undefined);
}
