/**
 * Where the page part runs: only on sites the user enabled, each granted at that moment, or on
 * every site once the user opted in and granted all sites. The content script is registered for
 * exactly those, never declared for all pages at install.
 */
import { browser } from 'wxt/browser';
import { loadEverywhere, loadSites, storeEverywhere, storeSites } from '../db/sites';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { Handlers } from '../messaging/router';
import { ALL_SITES_PERMISSION, EVERY_SITE_MATCHES } from '../sites/everywhere';
import { siteOf, sitePattern } from '../sites/site-url';
import { syncPageRules } from './page-rules';
import { checkEverywhere, checkSiteChange } from './policy-locks';

const SCRIPT_ID = 'glean-image-resolver';
const SCRIPT_FILE = '/content-scripts/content.js';
export const isEverywhere = loadEverywhere;

/**
 * Registers the content script for the enabled sites (or removes it when there are none), and
 * puts the token rules for page images in step with them.
 */
export async function syncContentScripts(): Promise<void> {
  await syncPageRules();
  const matches = (await isEverywhere()) ? EVERY_SITE_MATCHES : (await loadSites()).map(sitePattern);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) return;
  await browser.scripting.registerContentScripts([
    { id: SCRIPT_ID, js: [SCRIPT_FILE], matches, runAt: 'document_idle', allFrames: true, persistAcrossSessions: true },
  ]);
}

/** Whether a page URL belongs to an enabled site (or every site is enabled). */
export async function isSiteEnabled(pageUrl: string): Promise<boolean> {
  const site = siteOf(pageUrl);
  return site !== null && ((await loadSites()).includes(site) || (await isEverywhere()));
}

async function setSite(site: string, enabled: boolean): Promise<string[]> {
  const normalised = siteOf(site);
  if (!normalised || normalised !== site.replace(/\/+$/, '')) {
    throw new GleanError('invalid-input', t('bg_notWebSite', site));
  }
  await checkSiteChange(normalised, enabled);
  const sites = new Set(await loadSites());
  if (enabled) {
    const granted = await browser.permissions.contains({ origins: [sitePattern(normalised)] });
    if (!granted) throw new GleanError('invalid-input', t('bg_siteNotAllowed', normalised));
    sites.add(normalised);
  } else {
    sites.delete(normalised);
  }
  const list = [...sites].sort();
  await storeSites(list);
  await syncContentScripts();
  return list;
}

async function setEverywhere(everywhere: boolean): Promise<boolean> {
  await checkEverywhere(everywhere);
  if (everywhere && !(await browser.permissions.contains({ origins: [ALL_SITES_PERMISSION] }))) {
    throw new GleanError('invalid-input', t('bg_allSitesNotAllowed'));
  }
  await storeEverywhere(everywhere);
  await syncContentScripts();
  return everywhere;
}

/** Forgets sites (and "every site") whose permission the user withdrew in the browser's settings. */
export async function dropRevokedSites(): Promise<void> {
  const sites = await loadSites();
  const kept: string[] = [];
  for (const site of sites) {
    if (await browser.permissions.contains({ origins: [sitePattern(site)] })) kept.push(site);
  }
  const everywhere = await isEverywhere();
  const keepEverywhere = everywhere && (await browser.permissions.contains({ origins: [ALL_SITES_PERMISSION] }));
  if (kept.length !== sites.length) await storeSites(kept);
  if (everywhere !== keepEverywhere) await storeEverywhere(false);
  if (kept.length !== sites.length || everywhere !== keepEverywhere) await syncContentScripts();
}

/** sites.get, sites.set and the "every site" opt-in, for the popup switch and the options list. */
export const siteHandlers: Handlers = {
  'sites.get': () => loadSites(),
  'sites.set': ({ site, enabled }) => setSite(site, enabled),
  'sites.everywhere.get': () => isEverywhere(),
  'sites.everywhere.set': ({ everywhere }) => setEverywhere(everywhere),
};
