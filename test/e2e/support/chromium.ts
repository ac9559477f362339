// Launches system Chromium with an unpacked MV3 build loaded, via Playwright.
// Extensions need a *persistent* context; headless (new) mode runs them.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { findChromium } from './browsers';

export interface ChromiumWithExtension {
  context: BrowserContext;
  extensionId: string;
  /** The extension's MV3 service worker (can be evaluated in, e.g. `chrome.storage`). */
  worker: Worker;
  /** Profile dir; pass it back as `opts.userDataDir` to relaunch the "same browser". */
  userDataDir: string;
  /** Grants an (optional) host permission the way a user would on chrome://extensions. */
  grantHost(pattern: string): Promise<void>;
  /** Closes the browser; deletes the profile only if this call created it. */
  close(): Promise<void>;
}

// Flags on top of Playwright's defaults. The background-networking/sync/
// component-update ones stop Chromium from trying (and failing, noisily) to
// reach Google on this closed network; --no-sandbox is needed as root.
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromiumWithExtension(
  extDir: string,
  opts: { headless?: boolean; userDataDir?: string; lang?: string } = {},
): Promise<ChromiumWithExtension> {
  const dir = resolve(extDir);
  const ownsProfile = !opts.userDataDir;
  const userDataDir = opts.userDataDir ?? (await mkdtemp(join(tmpdir(), 'e2e-chromium-')));
  const dropProfile = () => (ownsProfile ? rm(userDataDir, { recursive: true, force: true }) : Promise.resolve());
  const context = await chromium
    .launchPersistentContext(userDataDir, {
      executablePath: findChromium(),
      headless: opts.headless ?? true,
      // Playwright's default --disable-extensions is overridden by
      // --disable-extensions-except (checked on Chromium 156), so no ignoreDefaultArgs.
      args: [...QUIET_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...(opts.lang ? [`--lang=${opts.lang}`] : [])],
      // Chromium on Linux takes its UI language (and so the extension's) from LANGUAGE; the
      // locale's .pak must be installed (Debian's chromium-l10n).
      ...(opts.lang ? { env: { ...process.env, LANGUAGE: opts.lang }, locale: opts.lang } : {}),
    })
    .catch(async (err: unknown) => {
      await dropProfile();
      throw err;
    });
  try {
    // The worker may already be up by the time launch resolves, or come later.
    const worker =
      context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      (await context.waitForEvent('serviceworker', {
        predicate: (w) => w.url().startsWith('chrome-extension://'),
        timeout: 15_000,
      }));
    const extensionId = new URL(worker.url()).host;
    return {
      context,
      extensionId,
      worker,
      userDataDir,
      grantHost: (pattern) => grantHost(context, extensionId, pattern),
      async close() {
        await context.close();
        await dropProfile();
      },
    };
  } catch (err) {
    await context.close().catch(() => {});
    await dropProfile();
    throw err;
  }
}

/**
 * Chromium's permission prompt cannot be answered headless (the request just
 * hangs), so we grant the site where a user could: chrome://extensions ("Site
 * access"), whose page has the private `chrome.developerPrivate` API. This
 * records a user grant only: `permissions.contains` stays false until the
 * extension calls `permissions.request`, which then resolves true at once.
 */
async function grantHost(context: BrowserContext, extensionId: string, pattern: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto('chrome://extensions');
    await page.evaluate(
      // developerPrivate is not in any @types package; the page exposes it on `chrome`.
      ([id, host]) => (globalThis as any).chrome.developerPrivate.addHostPermission(id, host),
      [extensionId, pattern] as const,
    );
  } finally {
    await page.close();
  }
}

/** Opens an extension page (e.g. 'options.html') in a new tab and waits for load. */
export async function openExtensionPage(context: BrowserContext, extensionId: string, path: string): Promise<Page> {
  const page = await context.newPage();
  const url = `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  try {
    await page.goto(url);
  } catch (err) {
    // The extension may open the same page at that moment (runtime.openOptionsPage reuses an
    // options tab that is loading, as on a relaunch with the same profile): that navigation ends
    // where ours would have.
    if (!String(err).includes('interrupted by another navigation')) throw err;
    await page.waitForLoadState('load');
    if (page.url() !== url) throw err;
  }
  return page;
}

/**
 * What a person does when the extension asks for a site: allowed on chrome://extensions, then
 * confirmed by a click in an extension page (Chromium applies the grant once `permissions.request`
 * runs inside a user gesture; with the site already allowed it answers at once, without a prompt).
 */
export async function allowSite(browser: ChromiumWithExtension, pattern: string): Promise<boolean> {
  await browser.grantHost(pattern);
  const page = await openExtensionPage(browser.context, browser.extensionId, 'options.html');
  try {
    await page.evaluate((p) => {
      document.body.addEventListener('click', () => {
        (globalThis as any).chrome.permissions.request({ origins: [p] }).then((ok: boolean) => (document.body.dataset.granted = String(ok)));
      }, { once: true });
    }, pattern);
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.waitForFunction(() => document.body.dataset.granted !== undefined);
    return (await page.evaluate(() => document.body.dataset.granted)) === 'true';
  } finally {
    await page.close();
  }
}

/** Everything in the extension's storage.local and storage.sync, which content scripts could read. */
export async function readExtensionStorage(browser: ChromiumWithExtension): Promise<string> {
  const worker = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId)) ?? browser.worker;
  return worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage?: { local: { get(k: null): Promise<unknown> }; sync: { get(k: null): Promise<unknown> } } } }).chrome;
    return c.storage ? JSON.stringify([await c.storage.local.get(null), await c.storage.sync.get(null)]) : 'no storage API';
  });
}
