/**
 * The API client for the saved settings, behind the shared rate gate: while Glean's Retry-After
 * runs, no request of any kind goes out, and any 429 closes the gate for everyone.
 */
import { loadSettings } from '../db/settings';
import { createGleanClient, type GleanClient } from '../glean/client';
import { GleanError, isGleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { RateGate } from '../queue/rate-gate';
import { authFor, currentAuth, oauthIssuedBy, onCredentialsChanged } from './credentials';
import { oauthClient } from './oauth-client';
import type { Settings } from '../settings/types';
import type { GleanAuth } from '../glean/types';

// Settings and token read once and kept until they change: every upload and lookup needs them.
let active: Promise<{ settings: Settings; auth: GleanAuth | null }> | null = null;
onCredentialsChanged(() => {
  active = null;
});

function activeConfig() {
  // OAuth tokens are not cached here: they change as they are renewed (see oauth-client.ts).
  active ??= loadSettings().then(async (settings) => ({ settings, auth: settings.apiBase && settings.authMethod !== 'oauth' ? await currentAuth(settings) : null }));
  return active;
}

// Without Retry-After, wait this long before anyone asks again.
const DEFAULT_RATE_LIMIT_SECONDS = 30;

async function gated<T>(gate: RateGate, call: () => Promise<T>): Promise<T> {
  await gate.check();
  try {
    return await call();
  } catch (e) {
    if (isGleanError(e) && e.kind === 'rate-limited') await gate.close(e.retryAfterSeconds ?? DEFAULT_RATE_LIMIT_SECONDS);
    throw e;
  }
}

/** A client for the saved backend and token; `actAs` overrides the saved one for a global token. */
export async function configuredClient(gate: RateGate, actAs?: string): Promise<GleanClient> {
  const { settings, auth } = await activeConfig();
  if (settings.authMethod === 'oauth' && settings.apiBase) return withGate(gate, oauthClient(settings.apiBase, oauthIssuedBy(settings)));
  if (!auth) {
    throw new GleanError('unauthorized', t('bg_setUpFirst'));
  }
  const effective = auth.kind === 'global' && actAs ? authFor({ ...settings, actAs }, auth.token) : auth;
  return withGate(gate, createGleanClient({ baseUrl: settings.apiBase, getAuth: async () => effective }));
}

function withGate(gate: RateGate, client: GleanClient): GleanClient {
  return {
    baseUrl: client.baseUrl,
    getImage: (query, o) => gated(gate, () => client.getImage(query, o)),
    uploadImage: (bytes, type, meta, o) => gated(gate, () => client.uploadImage(bytes, type, meta, o)),
  };
}
