/**
 * Sites are kept as `scheme://host`: match patterns cannot name a port in Firefox, and a
 * port-less pattern covers every port in Chrome, so the permission is per host anyway.
 */

/** The site of a page URL, or null for anything that is not http(s). */
export function siteOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? `${u.protocol}//${u.hostname}` : null;
  } catch {
    return null;
  }
}

/** The match pattern that grants a site. */
export function sitePattern(site: string): string {
  return `${site}/*`;
}
