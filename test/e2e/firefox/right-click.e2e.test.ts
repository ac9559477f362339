// Right-click uploads in Firefox ESR: a plain image, a blob: image and a cross-origin image, through
// the same listener the menu calls. Firefox's menus.onClicked cannot be fired from outside, so this
// file uses the e2e build (npm run build:e2e), which adds only a port that calls that listener;
// test/build/no-test-hooks.test.ts checks that no store package has it.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { fireMenuClick } from '../support/configured-firefox';
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
  await fireMenuClick(options, page.url(), info);
}

/**
 * The toast as the extension sees it. Its shadow root is closed, so the page (and puppeteer in it)
 * cannot look inside; the extension keeps it in its content-script world, which a script injected
 * by the extension shares, so the options page asks through scripting.executeScript. `close`
 * closes it with its own button.
 */
async function readToast(close = false): Promise<{ state: string; text: string; lang: string } | null> {
  return options.evaluate(async (pageUrl, shut) => {
    const b = (globalThis as any).browser;
    const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
    const [injection] = await b.scripting.executeScript({
      target: { tabId: tab.id, frameIds: [0] },
      args: [shut],
      func: (closeIt: boolean) => {
        const m = (globalThis as any).__gleanImagesToast;
        const box = m?.host.isConnected ? m.root.querySelector('.toast') : null;
        if (!box) return null;
        const view = { state: box.dataset.state, lang: box.lang, text: (box.querySelector('.key') ?? box.querySelector('.body'))?.textContent ?? '' };
        if (closeIt) box.querySelector('button.close').click();
        return view;
      },
    });
    return injection.result;
  }, page.url(), close);
}

async function expectUploaded(colour: string): Promise<void> {
  const deadline = Date.now() + 25_000;
  let view = await readToast();
  while (view?.state !== 'done' && view?.state !== 'failed') {
    if (Date.now() > deadline) throw new Error(`no final toast (now: ${view?.state ?? 'none'})`);
    await new Promise((r) => setTimeout(r, 100));
    view = await readToast();
  }
  expect(`${view.state}: ${view.text}`).toMatch(/^done: /);
  // The page itself sees the host, but neither the root nor the key.
  expect(await page.evaluate((k) => [document.querySelector('glean-images-toast')?.shadowRoot ?? null, document.documentElement.outerHTML.includes(k)], view.text)).toEqual([null, false]);
  await readToast(true);
  const expected = Buffer.from(await (await fetch(`${sandbox.origin}/demo/img/${colour}.png`)).arrayBuffer());
  expect(sandbox.images.getByKey(view.text)?.bytes.equals(expected), colour).toBe(true);
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
