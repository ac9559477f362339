// Test helper: the extension's identity in the fake browser, and browser-like URL origins.
//
// Node follows the WHATWG URL spec to the letter: `new URL('chrome-extension://id/x').origin` is
// the opaque origin "null" because chrome-extension: is not a "special" scheme. Chrome (and
// Firefox >= 65 for moz-extension:) return `scheme://host` instead. The router compares
// origins, so tests that model a real browser install this emulation; see router.test.ts for the
// test that runs without it.
import { vi } from 'vitest';

export const EXT_ID = 'test-extension-id'; // the fake browser's runtime.id
export const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
export const SELF = { id: EXT_ID, origin: EXT_ORIGIN };

const EXTENSION_SCHEMES = new Set(['chrome-extension:', 'moz-extension:']);
const nodeOriginGetter = Object.getOwnPropertyDescriptor(URL.prototype, 'origin')!.get!;

/** The origin a browser reports for `url` (Chrome: extension schemes are standard, host lower-cased). */
export function browserOrigin(url: URL): string {
  if (EXTENSION_SCHEMES.has(url.protocol) && url.host !== '') return `${url.protocol}//${url.host.toLowerCase()}`;
  return nodeOriginGetter.call(url) as string;
}

/** Makes `URL#origin` answer as Chrome does for extension URLs (restored by vitest's restoreMocks). */
export function emulateBrowserOrigins() {
  return vi.spyOn(URL.prototype, 'origin', 'get').mockImplementation(function (this: URL) {
    return browserOrigin(this);
  });
}
