import { loadUploadPreferences, storeUploadPreferences } from '../db/preferences';
import type { Handlers } from '../messaging/router';
import { checkPreferences } from './policy-locks';
import { queue } from './services';

/** Upload preferences for the options page and the popup's defaults. */
export const preferenceHandlers: Handlers = {
  'preferences.get': () => loadUploadPreferences(),
  'preferences.save': async (prefs) => {
    await checkPreferences(prefs);
    await storeUploadPreferences(prefs);
    // A higher concurrency may start waiting jobs now.
    void queue.pump();
    return loadUploadPreferences();
  },
};
