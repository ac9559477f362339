// Firefox ESR over WebDriver BiDi: the background answers, the first-run options page configures
// the extension (BiDi cannot open moz-extension: pages, but the extension opens its own), the token
// stays out of reach, and a content script on an enabled site shows Glean images via the background.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_BUILD } from '../support/paths';
import { demoUrl, keysServed, startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;

/** Sends a protocol message from the options page, as the page itself would. */
function send(type: string, payload: unknown): Promise<unknown> {
  return options.evaluate((t, p) => (globalThis as any).browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
}

beforeAll(async () => {
  sandbox = await startSandbox();
  firefox = await launchFirefoxWithExtension(FIREFOX_BUILD);
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

describe('Firefox: foundation', () => {
  it('starts the background, which answers the options page it opened on first run', async () => {
    expect(await send('settings.get', null)).toMatchObject({ ok: true, value: { hasToken: false, apiBase: '' } });
    expect(await send('page.keys', { keys: ['seed-alice'] })).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });

  it('configures through the options page; the token is then nowhere a page can read', async () => {
    await options.locator('#backend').fill(sandbox.origin);
    // A fresh install starts on signing in with Glean: choose the API token.
  await options.locator('button[data-method="token"]').click();
  await options.locator('#token').fill(sandbox.tokens.user);
    await options.locator('#userId').fill('carol');
    // A real click, so Firefox accepts the host permission request inside it.
    await options.locator('button[type="submit"]').click();
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });

    const token = sandbox.tokens.user;
    const readable = await options.evaluate(async () => {
      const b = (globalThis as any).browser;
      const storage = b.storage ? [await b.storage.local.get(null), await b.storage.sync.get(null)] : 'no storage API';
      const settings = await b.runtime.sendMessage({ type: 'settings.get', payload: null });
      return JSON.stringify({ storage, settings });
    });
    expect(readable).toContain('"hasToken":true');
    expect(readable).not.toContain(token);
  });

  it('shows the Glean images of an enabled site with the token the browser adds, keyed ones too', async () => {
    expect(await send('sites.set', { site: 'http://127.0.0.1', enabled: true })).toEqual({ ok: true, value: ['http://127.0.0.1'] });
    sandbox.clearLog();
    const page = await firefox.browser.newPage();
    await page.goto(demoUrl(sandbox));
    await expect.poll(() => [...keysServed(sandbox)].sort(), { timeout: 15_000 }).toEqual(['seed-alice', 'seed-bob', 'seed-carol']);
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img[data-testid="glean-src"]')].every((i) => i.naturalWidth === 96), { timeout: 15_000 });
    // The page keeps its own URLs.
    expect(await page.$$eval('img[data-testid="glean-src"]', (imgs) => imgs.every((i) => i.getAttribute('src')!.includes('/rest/api/v1/images?')))).toBe(true);
    await page.close();
  });
});
