import { DEFAULT_UPLOAD_PREFERENCES, type UploadPreferences } from '../settings/upload-preferences';
import { readCache } from './read-cache';
import { getRecord, setRecord } from './records';

const NAME = 'uploadPreferences';

// Read for every upload: kept in memory between writes (see read-cache.ts).
const stored = readCache(() => getRecord<Partial<UploadPreferences>>(NAME));

/** The upload preferences, defaults filled in. */
export async function loadUploadPreferences(): Promise<UploadPreferences> {
  return { ...DEFAULT_UPLOAD_PREFERENCES, ...structuredClone(await stored.get()) };
}

/** Replaces the upload preferences. */
export async function storeUploadPreferences(prefs: UploadPreferences): Promise<void> {
  await setRecord(NAME, prefs);
  stored.clear();
}
