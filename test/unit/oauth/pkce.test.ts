import { describe, expect, it } from 'vitest';
import { base64url, challengeS256, createVerifier, fromBase64url, randomUrlSafe } from '../../../src/oauth/pkce';

// RFC 7636, Appendix B.
const RFC_OCTETS = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
const RFC_VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const RFC_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
  it('encodes the RFC 7636 octets to its verifier, and derives its S256 challenge', async () => {
    expect(base64url(new Uint8Array(RFC_OCTETS))).toBe(RFC_VERIFIER);
    expect(await challengeS256(RFC_VERIFIER)).toBe(RFC_CHALLENGE);
  });

  it('makes fresh 43-character verifiers from the unreserved alphabet', () => {
    const seen = new Set(Array.from({ length: 50 }, createVerifier));
    expect(seen.size).toBe(50);
    for (const v of seen) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses verifiers the spec does not allow', async () => {
    await expect(challengeS256('too-short')).rejects.toThrow(/43 to 128/);
    await expect(challengeS256(`${RFC_VERIFIER} `)).rejects.toThrow();
    await expect(challengeS256('a'.repeat(129))).rejects.toThrow();
  });

  it('round-trips base64url with and without padding', () => {
    for (const n of [0, 1, 2, 3, 31, 32]) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      expect([...fromBase64url(base64url(bytes))]).toEqual([...bytes]);
    }
    expect(new TextDecoder().decode(fromBase64url('aGk='))).toBe('hi');
    expect(() => fromBase64url('not base64!')).toThrow();
  });

  it('gives random URL-safe strings of the asked strength', () => {
    expect(randomUrlSafe(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomUrlSafe(16)).not.toBe(randomUrlSafe(16));
  });
});
