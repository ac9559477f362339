import { loadSettings, storeSettings } from '../db/settings';
import { t } from '../i18n/t';
import type { Handlers } from '../messaging/router';
import type { PublicSettings } from '../settings/types';
import { requireValidSettings, SettingsInvalidError } from '../settings/validate';
import { credentialsChanged, forgetToken, hasToken } from './credentials';
import { oauthStatus, signOut } from './oauth-account';
import { checkTokenSettings } from './policy-locks';

/** The settings as pages may see them: with whether a credential is held, never the credential. */
export async function publicSettings(): Promise<PublicSettings> {
  const settings = await loadSettings();
  if (settings.authMethod === 'oauth') return { ...settings, ...(await oauthStatus()) };
  return { ...settings, hasToken: await hasToken() };
}

/** settings.get, settings.save and token.forget: pages write the token, never read it. */
export const settingsHandlers: Handlers = {
  'settings.get': publicSettings,
  'settings.save': async ({ draft, token }) => {
    const settings = requireValidSettings(draft);
    await checkTokenSettings(settings);
    const newToken = token?.trim();
    const before = await loadSettings();
    if (!newToken && !(await hasToken())) {
      throw new SettingsInvalidError([{ field: 'token', message: t('bg_enterToken') }]);
    }
    // A token belongs to one backend: never send the stored one to a new address unasked.
    if (!newToken && before.apiBase !== settings.apiBase) {
      throw new SettingsInvalidError([{ field: 'token', message: t('bg_enterTokenForAddress') }]);
    }
    // The OAuth client settings stay for an easy way back; the OAuth sign-in itself ends (below).
    await storeSettings(before.oauth ? { ...settings, oauth: before.oauth } : settings, newToken || undefined);
    // One credential at a time: a saved API token replaces an OAuth sign-in.
    if (before.authMethod === 'oauth') await signOut();
    // Any saved change (token, backend, act-as) may end a 401 pause and must reach cached clients.
    await credentialsChanged();
    return publicSettings();
  },
  'token.forget': async () => {
    await forgetToken();
    return publicSettings();
  },
};
