/**
 * "Act as" is checked the same way at Save as at send: any string the options form (or the popup,
 * which uses the same check) accepts for a global token, the request builder sends, and any it
 * refuses, the request builder refuses too. Before, Save took what send then refused ("jörg@…",
 * a tab or a control character inside), so uploads failed long after the settings said "Saved."
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authHeaders } from '../../../src/glean/request';
import { isEmail, validateSettings } from '../../../src/settings/validate';

const savedAt = (actAs: string) => 'settings' in validateSettings({ backend: 'acme', tokenType: 'global', actAs, userId: '' });
const sentAt = (actAs: string) => {
  try {
    return authHeaders({ kind: 'global', token: 'tok', actAs })['X-Scio-Actas'] === actAs.trim();
  } catch {
    return false;
  }
};

// Strings near e-mail addresses: a local part and a domain from printable ASCII, Unicode and
// control characters, so that both answers come up often.
const part = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'b', '.', '-', '+'), fc.constantFrom(' ', '\t', '\u00a0', '\u0001', 'ö', '@', '\r\n')), minLength: 0, maxLength: 6 });
const nearEmail = fc.tuple(part, part, fc.constantFrom('.com', '.de', '', 'ö.de')).map(([l, d, tld]) => `${l}@${d}${tld}`);

describe('act-as: the same check at Save and at send', () => {
  it.each(['jörg@acme.de', 'jane@acme.com\u0001', 'ja\tne@acme.com', 'jane@acme.cöm', 'jane@acme\u00a0.com'])('refuses %j at Save, as send would', (actAs) => {
    expect(sentAt(actAs)).toBe(false);
    expect(savedAt(actAs)).toBe(false);
    expect(isEmail(actAs)).toBe(false);
  });

  it('accepts an address at Save exactly when send would send it', () => {
    fc.assert(
      fc.property(fc.oneof(nearEmail, fc.string()), (actAs) => {
        expect(savedAt(actAs)).toBe(sentAt(actAs));
      }),
      { numRuns: 2000 },
    );
  });

  it('is not vacuous: both answers occur among the generated strings', () => {
    const samples = fc.sample(nearEmail, { numRuns: 500, seed: 14 });
    expect(samples.some(savedAt)).toBe(true);
    expect(samples.some((s) => !savedAt(s))).toBe(true);
  });
});
