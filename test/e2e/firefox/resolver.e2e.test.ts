// Glean images on pages in Firefox ESR over WebDriver BiDi: the shared suite
// (test/e2e/support/page-images-suite.ts), with the extension configured and the site enabled
// through the first-run options page with real clicks (the permission requests need them).
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { startPageServer, type PageServer } from '../support/page-server';
import { setUpPageImagesSite } from '../support/page-images-site';
import { describePageImages, type PageImagesHarness } from '../support/page-images-suite';
import { FIREFOX_BUILD } from '../support/paths';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let site: PageServer;
let firefox: FirefoxWithExtension;
let options: Page;
let harness: PageImagesHarness;

beforeAll(async () => {
  sandbox = await startSandbox();
  // A backend that keeps its images to itself and allows any origin to read them: the extension
  // must show them anyway, and keep them unreadable.
  sandbox.knobs.imageHeaders = { 'cross-origin-resource-policy': 'same-origin' };
  site = await startPageServer();
  const otherOrigin = `http://localhost:${site.port}`;
  setUpPageImagesSite(sandbox, site, otherOrigin);
  firefox = await launchFirefoxWithExtension(FIREFOX_BUILD);
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
  await options.locator('#backend').fill(sandbox.origin);
  // A fresh install starts on signing in with Glean: choose the API token.
  await options.locator('button[data-method="token"]').click();
  await options.locator('#token').fill(sandbox.tokens.user);
  await options.locator('#userId').fill('alice');
  await options.locator('main > form button[type="submit"]').click();
  await options.waitForFunction(() => document.querySelector('form [role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });
  await options.locator('#site-add').fill('http://127.0.0.1');
  await options.locator('section.sites button[type="submit"]').click();
  await options.waitForFunction(() => document.querySelector('[data-testid="sites-status"]')?.textContent?.includes('now show'), { timeout: 15_000 });
  harness = {
    sandbox,
    site,
    otherOrigin,
    async open(url) {
      const page = await firefox.browser.newPage();
      await page.goto(url);
      return { evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never, reload: () => page.reload(), close: () => page.close() };
    },
    async ext(type, payload) {
      const reply = await options.evaluate((t, p) => (globalThis as any).browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    tabId: (url) => options.evaluate(async (u) => ((await (globalThis as any).browser.tabs.query({})) as { id: number; url?: string }[]).find((t) => t.url === u)!.id, url),
  };
});
afterAll(async () => {
  await firefox?.close();
  await site?.close();
  await sandbox?.close();
});

describePageImages('Firefox', () => harness);
