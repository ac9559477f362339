import { siteOf } from './site-url';

/**
 * The site a person typed ("intranet.example.com", "https://wiki.acme.com/page"), as
 * `scheme://host`, or null when it is no web address. Without a scheme, https is meant.
 */
export function siteFromInput(text: string): string | null {
  const t = text.trim();
  if (!t || /\s/.test(t)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(t) ? t : `https://${t}`;
  const site = siteOf(withScheme);
  // "https://" alone parses to nothing useful; a host needs at least one character.
  return site && site.length > site.indexOf('//') + 2 ? site : null;
}
