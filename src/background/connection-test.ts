/**
 * "Test connection": one real request with the settings as typed (not yet saved), reported in
 * words. With "Your user ID" it asks for that profile picture; without, for a key that cannot
 * exist, where a 400 or 404 still proves that the address answers and the token is accepted.
 */
import { createGleanClient } from '../glean/client';
import { isGleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { ImageQuery } from '../glean/types';
import type { ConnectionReport } from '../messaging/protocol';
import type { SettingsDraft } from '../settings/validate';
import { validateSettings } from '../settings/validate';
import { authFor } from './credentials';
import { getSecret } from '../db/secrets';
import { loadSettings } from '../db/settings';

const PROBE_KEY = 'glean-images-extension-connection-check';

/** Runs the test; `fetchImpl` is injectable for unit tests. */
export async function testConnection(
  draft: SettingsDraft,
  typedToken: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<ConnectionReport> {
  const checked = validateSettings(draft);
  if ('errors' in checked) {
    return { ok: false, outcome: 'invalid', message: checked.errors.map((e) => e.message).join(' ') };
  }
  const { settings } = checked;
  // The stored token is used only for the backend it was saved for.
  const saved = await loadSettings();
  const token = typedToken?.trim() || (saved.apiBase === settings.apiBase ? await getSecret('apiToken') : undefined);
  if (!token) return { ok: false, outcome: 'invalid', message: t('bg_enterTokenFirst') };

  const client = createGleanClient({ baseUrl: settings.apiBase, getAuth: async () => authFor(settings, token), fetch: fetchImpl, timeoutMs: 15_000 });
  const query: ImageQuery = settings.userId ? { type: 'USER', id: settings.userId } : { key: PROBE_KEY };
  const triedUrl = settings.apiBase;
  // With a global token the report names whom it acts as.
  const actingAs = settings.tokenType === 'global' ? settings.actAs : '';
  try {
    await client.getImage(query);
    return { ok: true, outcome: 'connected', triedUrl, message: actingAs ? t('bg_connectedFoundActingAs', triedUrl, actingAs) : t('bg_connectedFound', triedUrl) };
  } catch (e) {
    if (!isGleanError(e)) throw e;
    switch (e.kind) {
      case 'not-found':
      case 'bad-request':
        return { ok: true, outcome: 'connected', triedUrl, message: actingAs ? t('bg_connectedAcceptedActingAs', triedUrl, actingAs) : t('bg_connectedAccepted', triedUrl) };
      case 'unauthorized':
        return { ok: false, outcome: 'unauthorized', triedUrl, message: t('bg_tokenRefused') };
      case 'rate-limited':
        return { ok: false, outcome: 'rate-limited', triedUrl, retryAfterSeconds: e.retryAfterSeconds, message: e.message };
      case 'network':
      case 'timeout':
      case 'redirect':
        return { ok: false, outcome: 'unreachable', triedUrl, message: t('bg_unreachable', triedUrl, e.message) };
      default:
        return { ok: false, outcome: 'error', triedUrl, message: e.message };
    }
  }
}
