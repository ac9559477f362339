// Right-click uploads in Firefox ESR: a plain image, a blob: image and a cross-origin image, through
// the same listener the menu calls. Firefox's menus.onClicked cannot be fired from outside, so this
// file uses the e2e build (npm run build:e2e), which adds only a port that calls that listener;
// test/build/no-test-hooks.test.ts checks that no store package has it.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_E2E_BUILD } from '../support/paths';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;
let page: Page;

/** Asks for a site inside a real click, as the extension does when a person acts. */
async function allowSite(pattern: string): Promise<void> {
  await options.evaluate((p) => {
    document.body.addEventListener('click', () => {
      (globalThis as any).browser.permissions.request({ origins: [p] }).then((ok: boolean) => (document.body.dataset.granted = String(ok)));
    }, { once: true });
  }, pattern);
  await options.locator('h1').click();
  await options.waitForFunction(() => document.body.dataset.granted === 'true');
}

/** Fires the menu listener with what Firefox passes on a click. */
async function rightClick(info: Record<string, unknown>): Promise<void> {
  await options.evaluate(async (i, pageUrl) => {
    const b = (globalThis as any).browser;
    const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
    const port = b.runtime.connect({ name: 'e2e-menu-click' });
    await new Promise((ok) => {
      port.onMessage.addListener(ok);
      port.postMessage({ info: { pageUrl, frameId: 0, ...i }, tab: { id: tab.id } });
    });
    port.disconnect();
  }, info, page.url());
}

async function expectUploaded(colour: string): Promise<void> {
  // Polled: changes inside a shadow root do not wake puppeteer's mutation-based waiting.
  const handle = await page.waitForFunction(
    () => document.querySelector('glean-images-toast')?.shadowRoot?.querySelector('.toast[data-state="done"], .toast[data-state="failed"]'),
    { polling: 100, timeout: 25_000 },
  );
  const box = handle.asElement() as import('puppeteer-core').ElementHandle<Element>;
  const state = await box.evaluate((el) => el.getAttribute('data-state'));
  const text = await box.evaluate((el) => (el.querySelector('.key') ?? el.querySelector('.body'))?.textContent ?? '');
  expect(`${state}: ${text}`).toMatch(/^done: /);
  await box.evaluate((el) => (el.querySelector('button[aria-label="Close"]') as HTMLButtonElement).click());
  const expected = Buffer.from(await (await fetch(`${sandbox.origin}/demo/img/${colour}.png`)).arrayBuffer());
  expect(sandbox.images.getByKey(text)?.bytes.equals(expected), colour).toBe(true);
}

const src = (id: string) => page.$eval(`#${id}`, (img) => (img as HTMLImageElement).currentSrc);

beforeAll(async () => {
  sandbox = await startSandbox();
  firefox = await launchFirefoxWithExtension(FIREFOX_E2E_BUILD);
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
  await options.locator('#backend').fill(sandbox.origin);
  // A fresh install starts on signing in with Glean: choose the API token.
  await options.locator('button[data-method="token"]').click();
  await options.locator('#token').fill(sandbox.tokens.user);
  await options.locator('form button[type="submit"]').click();
  await options.waitForFunction(() => document.querySelector('form [role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });
  page = await firefox.browser.newPage();
  await page.goto(`${sandbox.origin}/demo/sources.html`);
  await page.waitForFunction(() => (document.getElementById('blob') as HTMLImageElement).complete && (document.getElementById('blob') as HTMLImageElement).naturalWidth > 0);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

describe('Firefox: right-click "Upload to Glean"', () => {
  it('uploads a plain image', async () => {
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('plain'), mediaType: 'image' });
    await expectUploaded('red');
  });

  it('uploads a blob: image, read in the page', async () => {
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('blob'), mediaType: 'image' });
    await expectUploaded('pink');
  });

  it('uploads a cross-origin image once its site is allowed', async () => {
    await allowSite('http://localhost/*');
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('cdn'), mediaType: 'image' });
    await expectUploaded('teal');
  });
});
