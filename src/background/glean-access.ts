import { loadSettings } from '../db/settings';
import { createGleanClient } from '../glean/client';
import { GleanError } from '../glean/errors';
import { currentAuth } from './credentials';

/** The API client for the saved settings; refuses in words when the extension is not set up. */
export async function configuredClient() {
  const settings = await loadSettings();
  const auth = settings.apiBase ? await currentAuth(settings) : null;
  if (!auth) {
    throw new GleanError('invalid-input', 'Set up the extension first: open its options and save your Glean address and token.');
  }
  return createGleanClient({ baseUrl: settings.apiBase, getAuth: async () => auth });
}
