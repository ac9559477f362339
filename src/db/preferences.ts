import { DEFAULT_UPLOAD_PREFERENCES, type UploadPreferences } from '../settings/upload-preferences';
import { getRecord, setRecord } from './records';

const NAME = 'uploadPreferences';

/** The upload preferences, defaults filled in. */
export async function loadUploadPreferences(): Promise<UploadPreferences> {
  return { ...DEFAULT_UPLOAD_PREFERENCES, ...(await getRecord<Partial<UploadPreferences>>(NAME)) };
}

/** Replaces the upload preferences. */
export async function storeUploadPreferences(prefs: UploadPreferences): Promise<void> {
  await setRecord(NAME, prefs);
}
