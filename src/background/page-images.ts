/**
 * Glean images on pages, from the background's side: the token rules follow every change of
 * credentials and sites, data-glean-image-key elements are shown through CSS the content script
 * adopts, and the popup hears which images of a tab did not show and why.
 */
import { browser } from 'wxt/browser';
import { loadSettings } from '../db/settings';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { Handlers } from '../messaging/router';
import { keyedCss } from '../page-images/image-css';
import { imagesEndpoint } from '../page-images/rules';
import { keepPageRulesInStep } from './page-rules';
import { tabImageReport, watchPageImageTraffic } from './page-traffic';
import { isSiteEnabled } from './site-access';

async function requireEnabled(url: string): Promise<void> {
  if (!(await isSiteEnabled(url))) throw new GleanError('invalid-input', t('bg_siteNotEnabled'));
}

/** Wires the rules and the traffic watch; called once at background start. */
export function setupPageImages(): void {
  watchPageImageTraffic();
  keepPageRulesInStep();
}

export const pageImageHandlers: Handlers = {
  'page.keys': async ({ keys }, sender) => {
    await requireEnabled(sender.url);
    const { apiBase } = await loadSettings();
    // The background builds every URL itself; the page named keys only.
    return { css: apiBase ? keyedCss(keys, imagesEndpoint(apiBase)) : '' };
  },
  'tab.gleanImages': async ({ tabId }) => {
    const url = await browser.tabs.get(tabId).then((tab) => tab.url ?? '', () => '');
    const enabled = url !== '' && (await isSiteEnabled(url));
    const report = tabImageReport(tabId);
    // On a site that is not enabled the loads went without the token: that, not the token, is why.
    const why = { kind: 'not-enabled', message: t('bg_siteNotEnabled') };
    return { enabled, shown: report.shown, problems: enabled ? report.problems : report.problems.map((p) => (p.error.status === 401 ? { ...p, error: why } : p)) };
  },
};
