/**
 * The extension's own registrations (RFC 7591) at Glean instances' authorization servers, one per
 * issuer, so signing in again reuses the client instead of registering a new one each time. None
 * of it is secret: the clients are public. Only src/background/ imports this module.
 */
import { getRecord, setRecord } from './records';

/** A client this extension registered for itself. */
export interface StoredRegistration {
  issuer: string;
  clientId: string;
  /** The redirect URL it was registered with: a different one (another browser profile) needs a new client. */
  redirectUri: string;
  /** The scopes the server granted, when it said. */
  scope?: string;
  registeredAt: number;
}

const key = (issuer: string) => `oauthRegistration:${issuer}`;

/** The registration kept for an issuer and redirect URL, or undefined. */
export async function loadRegistration(issuer: string, redirectUri: string): Promise<StoredRegistration | undefined> {
  const stored = await getRecord<StoredRegistration>(key(issuer));
  return stored?.redirectUri === redirectUri ? stored : undefined;
}

/** Keeps a registration for its issuer, replacing the one before. */
export function saveRegistration(registration: StoredRegistration): Promise<void> {
  return setRecord(key(registration.issuer), registration);
}

/** Forgets an issuer's registration (the server no longer knows the client). */
export function forgetRegistration(issuer: string): Promise<void> {
  return setRecord(key(issuer), undefined);
}
