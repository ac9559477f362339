import { fileURLToPath } from 'node:url';

/** The unpacked builds that `npm run build` writes. */
export const CHROME_BUILD = fileURLToPath(new URL('../../../.output/chrome-mv3', import.meta.url));
export const FIREFOX_BUILD = fileURLToPath(new URL('../../../.output/firefox-mv3', import.meta.url));
/** Firefox's e2e build (`npm run build:e2e`): the production build plus the menu-click hook. */
export const FIREFOX_E2E_BUILD = fileURLToPath(new URL('../../../.output/firefox-mv3-e2e', import.meta.url));
