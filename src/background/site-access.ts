/**
 * Where the page part runs: only on sites the user enabled, each granted at that moment. The
 * content script is registered for exactly those sites, never for all pages at install.
 */
import { browser } from 'wxt/browser';
import { loadSites, storeSites } from '../db/sites';
import { GleanError } from '../glean/errors';
import type { Handlers } from '../messaging/router';
import { siteOf, sitePattern } from '../sites/site-url';

const SCRIPT_ID = 'glean-image-resolver';
const SCRIPT_FILE = '/content-scripts/content.js';

/** Registers the content script for the enabled sites (or removes it when there are none). */
export async function syncContentScripts(): Promise<void> {
  const sites = await loadSites();
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!sites.length) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, js: [SCRIPT_FILE], matches: sites.map(sitePattern), runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
  ]);
}

/** Whether a page URL belongs to an enabled site. */
export async function isSiteEnabled(pageUrl: string): Promise<boolean> {
  const site = siteOf(pageUrl);
  return site !== null && (await loadSites()).includes(site);
}

async function setSite(site: string, enabled: boolean): Promise<string[]> {
  const normalised = siteOf(site);
  if (!normalised || normalised !== site.replace(/\/+$/, '')) {
    throw new GleanError('invalid-input', `"${site}" is not a web site address.`);
  }
  const sites = new Set(await loadSites());
  if (enabled) {
    const granted = await browser.permissions.contains({ origins: [sitePattern(normalised)] });
    if (!granted) throw new GleanError('invalid-input', `The browser has not allowed the extension on ${normalised}.`);
    sites.add(normalised);
  } else {
    sites.delete(normalised);
  }
  const list = [...sites].sort();
  await storeSites(list);
  await syncContentScripts();
  return list;
}

/** Forgets sites whose permission the user withdrew in the browser's own settings. */
export async function dropRevokedSites(): Promise<void> {
  const sites = await loadSites();
  const kept: string[] = [];
  for (const site of sites) {
    if (await browser.permissions.contains({ origins: [sitePattern(site)] })) kept.push(site);
  }
  if (kept.length !== sites.length) {
    await storeSites(kept);
    await syncContentScripts();
  }
}

/** sites.get and sites.set, for the popup switch and the options list. */
export const siteHandlers: Handlers = {
  'sites.get': () => loadSites(),
  'sites.set': ({ site, enabled }) => setSite(site, enabled),
};
