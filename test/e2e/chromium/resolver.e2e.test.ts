// Glean images on pages in real Chromium: the shared suite (test/e2e/support/page-images-suite.ts)
// against the sandbox, with the site enabled on the options page as a person would.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { ChromiumWithExtension } from '../support/chromium';
import { launchConfigured } from '../support/configured-chromium';
import { startPageServer, type PageServer } from '../support/page-server';
import { setUpPageImagesSite } from '../support/page-images-site';
import { describePageImages, type PageImagesHarness } from '../support/page-images-suite';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let site: PageServer;
let browser: ChromiumWithExtension;
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
  ({ browser, options } = await launchConfigured(sandbox));
  await options.locator('#site-add').fill('http://127.0.0.1');
  await options.getByRole('button', { name: 'Add site' }).click();
  await options.waitForFunction(() => document.querySelector('[data-testid="sites-status"]')?.textContent?.includes('now show'), undefined, { timeout: 15_000 });
  harness = {
    sandbox,
    site,
    otherOrigin,
    async open(url) {
      const page = await browser.context.newPage();
      await page.goto(url);
      return page;
    },
    async ext(type, payload) {
      const reply = await options.evaluate(([t, p]) => (globalThis as any).chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    tabId: (url) => options.evaluate(async (u) => ((await (globalThis as any).chrome.tabs.query({})) as { id: number; url?: string }[]).find((t) => t.url === u)!.id, url),
  };
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await sandbox?.close();
});

describePageImages('Chromium', () => harness);
