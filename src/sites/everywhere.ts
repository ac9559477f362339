/**
 * The opt-in "on every site": the permission asked for at that moment and the pages the content
 * script then runs on. It is the https pattern the manifest already lists as optional (the
 * permissions audit keeps <all_urls> out of the manifest altogether), so plain-http sites are
 * still enabled one by one.
 */

/** What the options page asks the browser for when the user opts in. */
export const ALL_SITES_PERMISSION = 'https://*/*';

/** Where the content script then runs. */
export const EVERY_SITE_MATCHES = [ALL_SITES_PERMISSION];
