/**
 * Token custody: the only module that reads the stored token. It hands out a GleanAuth for the
 * API client and tells listeners when the credentials change, so caches and queues tied to the
 * old token can be dropped. Nothing here logs a token.
 */
import { deleteSecret, getSecret } from '../db/secrets';
import type { GleanAuth, OAuthIssuer } from '../glean/types';
import type { Settings } from '../settings/types';
import { oauthAccessToken } from './oauth-tokens';

type Listener = () => void | Promise<void>;
const listeners = new Set<Listener>();

/** Calls `listener` whenever the token is replaced or forgotten. */
export function onCredentialsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells listeners the credentials changed (after a token was stored with the settings). */
export async function credentialsChanged(): Promise<void> {
  for (const l of listeners) await l();
}

/** Who issued the OAuth sign-in's tokens: Glean's own server or an external identity provider. */
export function oauthIssuedBy(settings: Settings): OAuthIssuer {
  if (settings.oauth?.provider) return settings.oauth.provider;
  // Saved before the choice was stored: Glean's own server is the one at the backend's origin.
  try {
    return new URL(settings.oauth?.issuer ?? '').origin === new URL(settings.apiBase).origin ? 'glean' : 'external';
  } catch {
    return 'external';
  }
}

/** Builds the auth for a token and the settings' sign-in method and token type. */
export function authFor(settings: Settings, token: string): GleanAuth {
  if (settings.authMethod === 'oauth') return { kind: 'oauth', token, issuedBy: oauthIssuedBy(settings) };
  return settings.tokenType === 'global'
    ? { kind: 'global', token, actAs: settings.actAs }
    : { kind: 'user', token };
}

/** The auth to use now, or null when no token is stored; with OAuth it throws "Sign in…" instead. */
export async function currentAuth(settings: Settings): Promise<GleanAuth | null> {
  // OAuth access tokens are renewed as they age, so each call asks for the current one.
  if (settings.authMethod === 'oauth') return authFor(settings, await oauthAccessToken());
  const token = await getSecret('apiToken');
  return token ? authFor(settings, token) : null;
}

/** Whether a token is stored (what pages may know). */
export async function hasToken(): Promise<boolean> {
  return Boolean(await getSecret('apiToken'));
}

/** Forgets the token and everything that depended on it. */
export async function forgetToken(): Promise<void> {
  await deleteSecret('apiToken');
  await credentialsChanged();
}
