/**
 * The OAuth sign-in as stored: the tokens as one secret (background only, like the API token) and
 * a session record beside the settings with what is not secret (endpoints, who signed in).
 * Only src/background/ imports this module.
 */
import type { TokenSet } from '../oauth/token-client';
import type { Settings } from '../settings/types';
import { inTransaction } from './open';
import { getRecord, setRecord } from './records';
import { STORES } from './schema';
import { deleteSecret, getSecret, setSecret } from './secrets';
import { SETTINGS_KEY, storedSettings } from './settings';

const SESSION = 'oauthSession';

/** What is kept about a sign-in besides the tokens; none of it is secret. */
export interface OAuthSession {
  issuer: string;
  clientId: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  /** The ID token algorithms the server announced, to check ID tokens that come with renewals. */
  idTokenAlgs?: string[];
  /** The name or e-mail to show. */
  account?: string;
  /** Renewing was refused: the tokens are gone and the person must sign in again. */
  needsSignIn?: boolean;
}

/** The session record, or undefined when nobody signed in with OAuth. */
export function loadSession(): Promise<OAuthSession | undefined> {
  return getRecord<OAuthSession>(SESSION);
}

/** The stored tokens, or undefined. */
export async function loadTokens(): Promise<TokenSet | undefined> {
  const raw = await getSecret('oauthTokens');
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as TokenSet;
  } catch {
    return undefined;
  }
}

/** Replaces the tokens after a refresh; the ID token's claims are not kept (read at sign-in). */
export async function saveTokens(tokens: TokenSet): Promise<void> {
  const { claims: _claims, ...kept } = tokens;
  await setSecret('oauthTokens', JSON.stringify(kept));
}

/**
 * Stores a completed sign-in in ONE transaction: the settings, the session and the tokens, and
 * drops the API token, so the extension never holds two credentials or pairs a backend with
 * another sign-in's tokens.
 */
export async function storeSignIn(settings: Settings, session: OAuthSession, tokens: TokenSet): Promise<void> {
  const { claims: _claims, ...kept } = tokens;
  await inTransaction([STORES.settings, STORES.secrets], 'readwrite', (store) => {
    store(STORES.settings).put(settings, SETTINGS_KEY);
    store(STORES.settings).put(session, SESSION);
    store(STORES.secrets).put(JSON.stringify(kept), 'oauthTokens');
    store(STORES.secrets).delete('apiToken');
    return () => undefined;
  });
  storedSettings.clear();
}

/** Forgets the tokens; with `needsSignIn` the session stays, marked, so pages can say "Sign in again". */
export async function clearSignIn(needsSignIn = false): Promise<void> {
  await deleteSecret('oauthTokens');
  const session = await loadSession();
  await setRecord(SESSION, needsSignIn && session ? { ...session, needsSignIn: true } : undefined);
}
