import { fileURLToPath } from 'node:url';

/** The unpacked builds that `npm run build` writes. */
export const CHROME_BUILD = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));
export const FIREFOX_BUILD = fileURLToPath(new URL('../../../.output/firefox-mv3', import.meta.url));
