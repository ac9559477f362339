// Launches system Firefox (ESR) over WebDriver BiDi with puppeteer-core and
// installs an unpacked build as a temporary add-on (BiDi `webExtension.install`).
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findFirefox } from './browsers';

export interface FirefoxWithExtension {
  browser: Browser;
  /** The add-on id (= browser_specific_settings.gecko.id). */
  extensionId: string;
  /** `moz-extension://<uuid>/`, known up front because we pre-assign the uuid. */
  baseUrl: string;
  close(): Promise<void>;
}

// Puppeteer already writes its "testing" prefs into the profile (no updates,
// no safe browsing, blank start page, ...). These add what extension tests need.
export const PREFS: Record<string, unknown> = {
  // MV3 host permissions are optional in Firefox; with this false,
  // permissions.request() from a user gesture resolves true without a doorhanger
  // (with it true the request hangs headless: nobody can click "Allow").
  'extensions.webextOptionalPermissionPrompts': false,
  // Temporary installs skip signing anyway; harmless guard for other installs.
  'xpinstall.signatures.required': false,
  // No onboarding / what's-new / add-on recommendation tabs or panels.
  'browser.aboutwelcome.enabled': false,
  'extensions.htmlaboutaddons.recommendations.enabled': false,
  'extensions.getAddons.showPane': false,
  'browser.newtabpage.activity-stream.asrouter.userprefs.cfr.addons': false,
  // Telemetry, studies, update and connectivity checks off: quiet logs, no
  // attempts to reach the (unreachable) network.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'app.shield.optoutstudies.enabled': false,
  'app.update.auto': false,
  'extensions.blocklist.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // A tab in the background (the popup, opened as a tab, while "This page" looks at the active
  // page) keeps full-speed timers and frames: puppeteer's polling and its locators' stability
  // checks run on them, and at Firefox's 1 s / 1 fps background pace each step took seconds.
  'dom.min_background_timeout_value': 4,
  'dom.timeout.enable_budget_timer_throttling': false,
  'layout.throttled_frame_rate': 60,
};

async function geckoId(dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const id: unknown = manifest.browser_specific_settings?.gecko?.id;
  if (typeof id !== 'string') throw new Error(`${dir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

export async function launchFirefoxWithExtension(
  extDir: string,
  opts: { headless?: boolean; prefs?: Record<string, unknown> } = {},
): Promise<FirefoxWithExtension> {
  const dir = resolve(extDir);
  const id = await geckoId(dir);
  // Firefox gives each install a random moz-extension uuid; pre-assigning it
  // lets tests recognise extension pages (BiDi itself won't navigate to them).
  const uuid = randomUUID();
  // A private HOME: as root in CI HOME may be unset or shared; Firefox and
  // fontconfig write under it. Removed on close.
  // Found first: a missing Firefox must not leave an empty home behind.
  const executablePath = findFirefox();
  const home = await mkdtemp(join(tmpdir(), 'e2e-firefox-home-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: opts.headless ?? true,
    extraPrefsFirefox: {
      ...PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }),
      ...opts.prefs,
    },
    env: {
      ...process.env,
      HOME: home,
      MOZ_CRASHREPORTER_DISABLE: '1', // no crash-reporter process or dialog
      MOZ_DISABLE_AUTO_SAFE_MODE: '1', // an earlier crash must not start safe mode
    },
  });
  const close = async () => {
    await browser.close().catch(() => {});
    await rm(home, { recursive: true, force: true });
  };
  try {
    const extensionId = await browser.installExtension(dir);
    return { browser, extensionId, baseUrl: `moz-extension://${uuid}/`, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Finds a tab showing an extension page that the extension itself opened
 * (runtime.openOptionsPage, tabs.create). Puppeteer sees such tabs, and can
 * evaluate/type/click in them, but its `page.url()` stays 'about:blank' (Firefox
 * sends no BiDi navigation event for moz-extension loads), so ask each page.
 */
export async function findExtensionPage(browser: Browser, url: string, timeoutMs = 10_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(url)) return page;
    }
    if (Date.now() > deadline) throw new Error(`no open tab at ${url} after ${timeoutMs}ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Puts an unpacked build into `profile` as a sideloaded add-on (a proxy file in the profile's
 * extensions folder naming the build's folder; ESR loads it unsigned with the test prefs). Unlike
 * an add-on installed over BiDi, it survives a browser restart.
 */
export function sideload(profile: string, geckoId: string, dir: string): void {
  mkdirSync(join(profile, 'extensions'), { recursive: true });
  writeFileSync(join(profile, 'extensions', geckoId), resolve(dir));
}

/**
 * Starts Firefox on a profile of the caller's (HOME too), with the add-on's moz-extension uuid
 * fixed; `url` opens a page at start, the one way to an extension page after a restart (BiDi will
 * not navigate to one, but Firefox opens what its command line names).
 */
export function launchFirefoxProfile(profile: string, geckoId: string, uuid: string, url?: string): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: true,
    userDataDir: profile,
    ...(url ? { args: [url] } : {}),
    extraPrefsFirefox: { ...PREFS, 'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }) },
    env: { ...process.env, HOME: profile, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
  });
}
