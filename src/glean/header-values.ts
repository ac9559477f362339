/**
 * What may go into a request header, decided once: the request builder refuses anything else at
 * send, and the options form, the popup and the background refuse the same act-as at Save, so
 * nothing is accepted there that a request later refuses.
 */

// Header values must be visible ASCII: anything else makes fetch throw a bare TypeError
// (or, with CR/LF, would be header injection).
export const HEADER_SAFE = /^[\x21-\x7e]+$/;

// Deliberately simple: one @, no spaces, a dot in the domain. Glean decides the rest.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a (trimmed) string is an e-mail address a request can send as act-as. */
export function isActAsAddress(value: string): boolean {
  return HEADER_SAFE.test(value) && EMAIL.test(value);
}
