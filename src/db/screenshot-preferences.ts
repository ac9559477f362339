import { DEFAULT_SCREENSHOT_PREFERENCES, type ScreenshotPreferences } from '../screenshots/preferences';
import { getRecord, setRecord } from './records';

const NAME = 'screenshotPreferences';

/** The screenshot preferences, defaults filled in. */
export async function loadScreenshotPreferences(): Promise<ScreenshotPreferences> {
  return { ...DEFAULT_SCREENSHOT_PREFERENCES, ...(await getRecord<Partial<ScreenshotPreferences>>(NAME)) };
}

/** Replaces the screenshot preferences. */
export async function storeScreenshotPreferences(prefs: ScreenshotPreferences): Promise<void> {
  await setRecord(NAME, prefs);
}
