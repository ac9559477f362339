/**
 * Firefox ESR with the extension configured for a sandbox through its options page, as a user
 * would, and a way to open the extension's other pages. WebDriver BiDi will not navigate a tab to
 * a moz-extension: page, but the extension may open its own pages: the test asks the options page
 * (which the extension opened on first run) to call tabs.create, then finds that tab
 * (findExtensionPage), and drives it like any page. No hook in the build is needed.
 */
import type { Page } from 'puppeteer-core';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from './firefox';
import { FIREFOX_BUILD } from './paths';
import type { Sandbox } from './sandbox-fixture';

/** Launches, and saves backend, user token and "Your user ID" (alice) on the first-run options page. */
export async function launchConfiguredFirefox(sandbox: Sandbox, build = FIREFOX_BUILD, opts: { headless?: boolean } = {}): Promise<{ firefox: FirefoxWithExtension; options: Page }> {
  const firefox = await launchFirefoxWithExtension(build, opts);
  try {
    const options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
    await options.locator('#backend').fill(sandbox.origin);
    // A fresh install starts on signing in with Glean: choose the API token.
    await options.locator('button[data-method="token"]').click();
    await options.locator('#token').fill(sandbox.tokens.user);
    await options.locator('#userId').fill('alice');
    // A real click: Firefox grants the backend's host only inside one.
    await options.locator('form button[type="submit"]').click();
    await options.waitForFunction(() => document.querySelector('form [role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });
    return { firefox, options };
  } catch (err) {
    await firefox.close();
    throw err;
  }
}

/** Has the extension open one of its pages (`path`, e.g. 'popup.html?view=history') in a new tab, and returns it. */
export async function openExtensionTab(firefox: FirefoxWithExtension, from: Page, path: string): Promise<Page> {
  await from.evaluate(async (p) => {
    const b = (globalThis as any).browser;
    await b.tabs.create({ url: b.runtime.getURL(p) });
  }, `/${path}`);
  return findExtensionPage(firefox.browser, `${firefox.baseUrl}${path}`, 15_000);
}

/** Sends a protocol message from an extension page, as the page itself would. */
export function sendFrom<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  return page.evaluate((t, p) => (globalThis as any).browser.runtime.sendMessage({ type: t, payload: p }), type, payload) as Promise<T>;
}

/**
 * Fires the extension's right-click listener as Firefox would on a click in the tab showing
 * `pageUrl`, through the e2e build's port (the browser's own menu cannot be opened headless).
 */
export async function fireMenuClick(from: Page, pageUrl: string, info: Record<string, unknown>): Promise<void> {
  await from.evaluate(async (url, i) => {
    const b = (globalThis as any).browser;
    const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === url);
    const port = b.runtime.connect({ name: 'e2e-menu-click' });
    await new Promise((ok) => {
      port.onMessage.addListener(ok);
      port.postMessage({ info: { pageUrl: url, frameId: 0, ...i }, tab: { id: tab.id } });
    });
    port.disconnect();
  }, pageUrl, info);
}
