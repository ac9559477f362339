/**
 * Credentials. Only src/background/ imports this module: extension pages may hand a token over
 * once, through a message, but never read one back.
 */
import { withStore } from './open';
import { STORES } from './schema';

/** `oauthTokens`: the OAuth token set as JSON, one record so a rotated refresh token is never torn. */
export type SecretName = 'apiToken' | 'oauthTokens';

/** Reads a secret, or undefined when none is stored. */
export function getSecret(name: SecretName): Promise<string | undefined> {
  return withStore<string | undefined>(STORES.secrets, 'readonly', (s) => s.get(name));
}

/** Stores a secret, replacing the old one. */
export async function setSecret(name: SecretName, value: string): Promise<void> {
  await withStore(STORES.secrets, 'readwrite', (s) => s.put(value, name));
}

/** Removes a secret. */
export async function deleteSecret(name: SecretName): Promise<void> {
  await withStore(STORES.secrets, 'readwrite', (s) => s.delete(name));
}
