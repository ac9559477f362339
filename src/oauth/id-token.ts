/**
 * Who signed in, for "Signed in as …": read from the ID token's claims, which oauth4webapi checked
 * (issuer, audience, times, nonce) at sign-in. The name is only shown, never used to decide access.
 */

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 200) : undefined);

/** The name to show: the person's name, else their e-mail, else their user name. */
export function accountName(claims: Record<string, unknown> | undefined): string | undefined {
  if (!claims) return undefined;
  return text(claims.name) ?? text(claims.email) ?? text(claims.preferred_username);
}
