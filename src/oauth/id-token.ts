/**
 * Who signed in, for "Signed in as …". The ID token's payload is read without checking its
 * signature: the name is only shown to the person who just signed in, never used to decide access.
 */
import { fromBase64url } from './pkce';

/** The claims of a JWT's payload, or undefined when it is not a JWT. */
export function jwtClaims(jwt: string | undefined): Record<string, unknown> | undefined {
  const part = jwt?.split('.')[1];
  if (!part) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(fromBase64url(part)));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);

/** The name to show: the person's name, else their e-mail, else their user name. */
export function accountName(claims: Record<string, unknown> | undefined): string | undefined {
  if (!claims) return undefined;
  return text(claims.name) ?? text(claims.email) ?? text(claims.preferred_username);
}
