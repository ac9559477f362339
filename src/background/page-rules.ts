/**
 * Keeps the page-image rules (src/page-images/rules.ts) in step with what they are built from:
 * the backend, the token (renewed OAuth tokens included), the enabled sites and the pause after a
 * page's 429. Every change re-installs them at once; syncs run one after another so an older
 * state can never overwrite a newer one.
 */
import { browser } from 'wxt/browser';
import { loadSettings } from '../db/settings';
import { loadEverywhere, loadSites } from '../db/sites';
import { authHeaders } from '../glean/request';
import { imagesEndpoint, pageRules, siteHosts, type PageRuleInput } from '../page-images/rules';
import { RateGate } from '../queue/rate-gate';
import { currentAuth, onCredentialsChanged } from './credentials';
import { onAccessTokenRenewed } from './oauth-tokens';

/** Page traffic's own pause: a page's 429 must never stop the user's uploads and lookups. */
export const pageGate = new RateGate(Date.now, 'pageRateLimitedUntil');

let chain: Promise<void> = Promise.resolve();
let reopenTimer: ReturnType<typeof setTimeout> | undefined;
const reopenListeners = new Set<() => void>();

/** Calls `listener` when a pause of page requests ends (to show what it held back). */
export function onPageGateReopened(listener: () => void): void {
  reopenListeners.add(listener);
}

/** Wakes the background to renew an OAuth access token before the one in the rules expires. */
export const RENEW_ALARM = 'page-rules-renew';

/** What the rules should say now, or null when no Glean image should show anywhere. */
async function currentInput(): Promise<PageRuleInput | null> {
  const settings = await loadSettings();
  // Renewal happens when a token is asked for within its last minute; a minute's alarm asks.
  if (settings.apiBase && settings.authMethod === 'oauth') void browser.alarms.create(RENEW_ALARM, { periodInMinutes: 1 });
  else void browser.alarms.clear(RENEW_ALARM);
  if (!settings.apiBase) return null;
  let headers: Record<string, string> | null = null;
  try {
    const auth = await currentAuth(settings);
    if (auth) headers = authHeaders(auth);
  } catch {
    // Signed out, a renewal refused, a token Glean could not take: no token goes to pages.
  }
  const everywhere = await loadEverywhere();
  const pausedUntil = await pageGate.blockedUntil();
  scheduleReopen(pausedUntil);
  return {
    endpoint: imagesEndpoint(settings.apiBase),
    headers,
    initiators: everywhere ? null : siteHosts(await loadSites()),
    paused: pausedUntil > 0,
    // Firefox reports srcset and <picture> loads as their own type; Chrome knows no such type.
    imageTypes: import.meta.env.FIREFOX ? ['image', 'imageset'] : ['image'],
  };
}

/** Ends a pause when a background that slept through it wakes (alarms outlive a stopped worker). */
export const REOPEN_ALARM = 'page-rules-reopen';

function reopen(): void {
  void syncPageRules().then(() => reopenListeners.forEach((l) => l()));
}

function scheduleReopen(until: number): void {
  clearTimeout(reopenTimer);
  if (!until) return;
  reopenTimer = setTimeout(reopen, Math.max(0, until - Date.now()) + 50);
  // The block rule outlives the worker; without this a pause could last until something else woke it.
  void browser.alarms.create(REOPEN_ALARM, { when: until + 50 });
}

async function install(): Promise<void> {
  const rules = pageRules(await currentInput());
  const dnr = browser.declarativeNetRequest;
  const existing = await dnr.getSessionRules();
  await dnr.updateSessionRules({ removeRuleIds: existing.map((r) => r.id), addRules: rules });
}

/** Re-installs the rules from the current state; resolves once they are in force. */
export function syncPageRules(): Promise<void> {
  const run = chain.then(install, install);
  chain = run.catch(() => undefined);
  return run;
}

/** Pauses page image requests for `seconds` (capped by the gate) and installs the pause. */
export async function pausePageRequests(seconds: number): Promise<void> {
  await pageGate.close(seconds);
  await syncPageRules();
}

/** Keeps the rules in step from now on: credentials, renewed OAuth tokens, the alarms. */
export function keepPageRulesInStep(): void {
  onCredentialsChanged(() => syncPageRules());
  onAccessTokenRenewed(() => void syncPageRules());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RENEW_ALARM) void syncPageRules();
    if (alarm.name === REOPEN_ALARM) reopen();
  });
  void syncPageRules();
}
