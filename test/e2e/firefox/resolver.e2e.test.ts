// Glean image references on pages, in Firefox ESR over WebDriver BiDi: configured and enabled
// through the first-run options page with real clicks (the permission requests need them), every
// kind of reference is shown from local blob: URLs with one request per distinct image, none after
// a reload (cache), and none on a site that is not enabled, which is left exactly as it was.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_BUILD } from '../support/paths';
import { encodePng } from '../../sandbox/server';
import { apiRequests, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;

const DISTINCT = [
  { key: 'seed-alice' }, { key: 'seed-bob' }, { key: 'seed-carol' }, { key: 'ref key/ü&=' },
  { type: 'USER', id: 'alice' }, { type: 'USER', id: 'bob' }, { type: 'USER', id: 'carol' },
  { type: 'UGC', id: 'doc-1', ds: 'wiki', cid: 'thumb' },
].map((q) => JSON.stringify(q)).sort();

const extensionGets = () => apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/images' && r.headers.authorization);

/** For each [data-ref] element: whether it displays a local (data: or blob:) image. Runs in the page. */
function displayed(): { id: string; ok: boolean; state: string | null }[] {
  return [...document.querySelectorAll('[data-ref]')].map((el) => {
    const img = el.localName === 'source' ? el.closest('picture')!.querySelector('img') : el.localName === 'img' ? (el as HTMLImageElement) : null;
    const ok = img ? img.complete && img.naturalWidth > 0 && /^(data|blob):/.test(img.currentSrc) : /url\("(data|blob):/.test(getComputedStyle(el).backgroundImage);
    return { id: el.id, ok, state: el.getAttribute('data-glean-state') };
  });
}

async function waitAllDisplayed(page: Page, count: number): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.later === 'done', { timeout: 10_000 });
  await expect
    .poll(async () => (await page.evaluate(displayed)).filter((d) => d.ok).length, { timeout: 15_000 })
    .toBe(count)
    .catch(async (e: unknown) => {
      console.error('not displayed:', (await page.evaluate(displayed)).filter((d) => !d.ok));
      throw e;
    });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  const png = solidPng(40, 30, [30, 120, 200, 255]);
  sandbox.images.put({ type: 'UGC', id: 'doc-1', ds: 'wiki', cid: 'thumb' }, png, 'image/png');
  sandbox.images.put({ type: 'UGC', id: 'special' }, png, 'image/png', { key: 'ref key/ü&=' });
  firefox = await launchFirefoxWithExtension(FIREFOX_BUILD);
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);

  await options.locator('#backend').fill(sandbox.origin);
  // A fresh install starts on signing in with Glean: choose the API token.
  await options.locator('button[data-method="token"]').click();
  await options.locator('#token').fill(sandbox.tokens.user);
  await options.locator('#userId').fill('alice');
  await options.locator('main > form button[type="submit"]').click();
  await options.waitForFunction(() => document.querySelector('form [role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });

  // The site is enabled by a real click, so Firefox takes the permission request as the user's.
  await options.locator('#site-add').fill('http://127.0.0.1');
  await options.locator('section.sites button[type="submit"]').click();
  await options.waitForFunction(() => document.querySelector('[data-testid="sites-status"]')?.textContent?.includes('now show'), { timeout: 15_000 });
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

describe('Firefox: Glean image references on pages', () => {
  it('lists the enabled site in the options page', async () => {
    const listed = await options.evaluate(() => [...document.querySelectorAll('.sites-list code')].map((c) => c.textContent));
    expect(listed).toEqual(['http://127.0.0.1']);
  });

  it('shows all 30 references of every kind, with one request per distinct image', async () => {
    sandbox.clearLog();
    const page = await firefox.browser.newPage();
    await page.goto(`${sandbox.origin}/demo/references.html`);
    await waitAllDisplayed(page, 30);
    const all = await page.evaluate(displayed);
    expect(all.every((d) => d.state === 'shown')).toBe(true);
    expect(extensionGets().map((r) => JSON.stringify(r.query)).sort()).toEqual(DISTINCT);
    expect(extensionGets().every((r) => r.status === 200)).toBe(true);
    const decoys = await page.evaluate(() => [...document.querySelectorAll('[data-decoy]')].flatMap((d) => d.getAttributeNames().filter((n) => n.startsWith('data-glean'))));
    expect(decoys).toEqual([]);
    await page.close();
  });

  it('after a reload, shows them all again from the cache, without any request', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${sandbox.origin}/demo/references.html`);
    await waitAllDisplayed(page, 30);
    sandbox.clearLog();
    await page.reload();
    await waitAllDisplayed(page, 30);
    expect(extensionGets()).toEqual([]);
    await page.close();
  });

  it('shows a large image from a blob: URL made in the content script', async () => {
    let x = 2463534242;
    // xorshift32: noise that deflate cannot shrink below ~160 KB.
    const rgba = new Uint8Array(200 * 200 * 4).map((_, i) => (i % 4 === 3 ? 255 : ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x & 255)));
    sandbox.images.put({ type: 'UGC', id: 'large' }, encodePng(200, 200, rgba), 'image/png', { key: 'large-key' });
    const page = await firefox.browser.newPage();
    await page.goto(`${sandbox.origin}/demo/references.html`);
    await waitAllDisplayed(page, 30);
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img id="large" data-glean-image-key="large-key"><div id="large-bg" style="width:50px;height:50px" data-glean-image-key="large-key"></div>'));
    await page.waitForFunction(() => (document.getElementById('large') as HTMLImageElement).naturalWidth === 200, { timeout: 10_000 });
    const shown = await page.evaluate(() => [(document.getElementById('large') as HTMLImageElement).currentSrc, getComputedStyle(document.getElementById('large-bg')!).backgroundImage]);
    expect(shown[0]).toMatch(/^blob:/);
    expect(shown[1]).toBe(`url("${shown[0]}")`);
    await page.close();
  });

  it('on a site that is not enabled, requests nothing and leaves the page as it was', async () => {
    sandbox.clearLog();
    const page = await firefox.browser.newPage();
    await page.goto(`http://localhost:${sandbox.port}/demo/references.html`);
    await page.waitForFunction(() => document.body.dataset.later === 'done', { timeout: 10_000 });
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await new Promise((r) => setTimeout(r, 1500));
    const after = await page.evaluate(() => document.documentElement.outerHTML);
    expect(after).toBe(before);
    expect(after).not.toMatch(/data-glean-(state|original)|blob:|data:image/);
    expect(extensionGets()).toEqual([]);
    await page.close();
  });
});
