/** PKCE (RFC 7636, method S256) and the other random values of an authorization request. */

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Base64url without padding, as PKCE and JWTs write bytes. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional) to bytes; throws on anything else. */
export function fromBase64url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) throw new Error('Not base64url.');
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** `bytes` random bytes as base64url: for `state`, and (32 bytes) for a code verifier. */
export function randomUrlSafe(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A fresh code verifier: 43 characters carrying 256 random bits (RFC 7636 §4.1 recommends this). */
export function createVerifier(): string {
  return randomUrlSafe(32);
}

/** The S256 code challenge: BASE64URL(SHA-256(ASCII(verifier))) (RFC 7636 §4.2). */
export async function challengeS256(verifier: string): Promise<string> {
  // A verifier outside the spec's alphabet or length would be refused by the server later, less clearly.
  if (!VERIFIER.test(verifier)) throw new Error('A PKCE code verifier is 43 to 128 unreserved characters.');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
