// Firefox ESR over WebDriver BiDi: the background answers, the first-run options page configures
// the extension (BiDi cannot open moz-extension: pages, but the extension opens its own), the token
// stays out of reach, and a content script on an enabled site shows Glean images via the background.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_BUILD } from '../support/paths';
import { apiRequests, demoUrl, startSandbox, type Sandbox } from '../support/sandbox-fixture';

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
    expect(await send('page.resolve', { keys: ['seed-alice'] })).toMatchObject({ ok: false, error: { kind: 'refused' } });
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

  it('runs the content script on an enabled site, which gets the images through the background', async () => {
    expect(await send('sites.set', { site: 'http://127.0.0.1', enabled: true })).toEqual({ ok: true, value: ['http://127.0.0.1'] });
    sandbox.clearLog();
    const page = await firefox.browser.newPage();
    await page.goto(demoUrl(sandbox));
    await page.waitForFunction(() => document.querySelectorAll('[data-glean-state="shown"]').length >= 3, { timeout: 15_000 });
    const shown = await page.$$eval('img[data-glean-state="shown"]', (imgs) => imgs.map((i) => [(i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).src.slice(0, 5)]));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown.every(([w, scheme]) => Number(w) === 96 && (scheme === 'blob:' || scheme === 'data:'))).toBe(true);
    const gets = apiRequests(sandbox).filter((r) => r.headers.authorization);
    // The demo's metadata URLs are references too now; the keys are still fetched once each.
    expect(gets.flatMap((r) => r.query.key ?? []).sort()).toEqual(['seed-alice', 'seed-bob', 'seed-carol']);
    await page.close();
  });
});
