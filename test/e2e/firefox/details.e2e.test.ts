// "Upload with details…" in Firefox ESR against the sandbox, with the Chromium file's assertions:
// the right-click entry (fired through the e2e build's port, as in right-click.e2e.test.ts) opens
// the details window, prefilled; it refuses a profile picture without its user ID, uploads the
// demo picture's exact bytes with the metadata typed there, asks for a CDN's site inside the
// click, uploads a page's blob: picture it cannot show, and passes axe.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireMenuClick, launchConfiguredFirefox } from '../support/configured-firefox';
import { findExtensionPage, type FirefoxWithExtension } from '../support/firefox';
import { button, byLabel, fill, shows } from '../support/firefox-page';
import { FIREFOX_E2E_BUILD } from '../support/paths';
import { apiRequests, demoUrl, startSandbox, type Sandbox } from '../support/sandbox-fixture';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const uploads = (s: Sandbox) => apiRequests(s).filter((r) => r.method === 'POST' && r.path === '/rest/api/v1/uploadimage');
const picture = async (name: string) => new Uint8Array(await (await fetch(`${sandbox.origin}/demo/img/${name}.png`)).arrayBuffer());

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;
let demo: Page;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ firefox, options } = await launchConfiguredFirefox(sandbox, FIREFOX_E2E_BUILD));
  demo = await firefox.browser.newPage();
  await demo.goto(demoUrl(sandbox));
  await demo.waitForFunction(() => [...document.images].filter((i) => i.id.startsWith('demo-')).every((i) => i.complete && i.naturalWidth > 0));
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

const tabIdOf = (url: string) => options.evaluate(async (u) => (await (globalThis as any).browser.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id as number, url);

/** "Upload with details…" on a picture of `page`, through the menu's own listener; returns the window's page. */
async function detailsFor(page: Page, srcUrl: string): Promise<Page> {
  const opened = new Set(await Promise.all((await firefox.browser.pages()).map((p) => p.evaluate(() => location.href).catch(() => ''))));
  await fireMenuClick(options, page.url(), { menuItemId: 'glean-upload-details', srcUrl, mediaType: 'image' });
  // A new window each time; an earlier one for the same picture may still be open.
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const p of await firefox.browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${firefox.baseUrl}popup.html?details=`) && !opened.has(href)) {
        await shows(p, 'Upload with details');
        return p;
      }
    }
    if (Date.now() > deadline) throw new Error('no details window opened');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function axe(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async () => {
    const result = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('Firefox: "Upload with details…"', () => {
  let details: Page;

  it('opens a window for the picture, prefilled with the right-click defaults', async () => {
    details = await detailsFor(demo, `${sandbox.origin}/demo/img/red.png`);
    const href = await details.evaluate(() => location.href);
    const target = JSON.parse(new URL(href).searchParams.get('details')!);
    expect(target).toEqual({ tabId: await tabIdOf(demo.url()), frameId: 0, src: `${sandbox.origin}/demo/img/red.png`, pageUrl: demoUrl(sandbox) });
    await details.waitForFunction(() => [...document.images].some((i) => i.alt === 'The picture to upload: red.png' && i.complete && i.naturalWidth === 320 && i.naturalHeight === 200), { polling: 100, timeout: 10_000 });
    await shows(details, '320 × 200');
    await shows(details, demoUrl(sandbox));
    expect(await (await byLabel(details, 'Type')).evaluate((el) => el.value)).toBe('UGC');
    expect(await (await byLabel(details, 'ID')).evaluate((el) => el.value)).toBe('');
  });

  it('refuses to send a profile picture without its user ID, saying why', async () => {
    await (await byLabel(details, 'Type')).select('USER');
    await (await button(details, 'Upload')).click();
    await shows(details, 'A profile picture (USER) needs the user ID.');
    expect(uploads(sandbox)).toHaveLength(0);
    await (await byLabel(details, 'Type')).select('UGC');
  });

  it("uploads the demo picture's exact bytes with the ID and Datasource typed there", async () => {
    await fill(await byLabel(details, 'ID'), 'doc-details-1');
    await fill(await byLabel(details, 'Datasource'), 'confluence');
    await (await button(details, 'Upload')).click();
    const key = await details.waitForFunction(() => document.querySelector('.result-key code')?.textContent, { polling: 100, timeout: 20_000 });
    const expected = await picture('red');
    const sent = uploads(sandbox);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query).toEqual({ type: 'UGC', id: 'doc-details-1', ds: 'confluence' });
    expect(sent[0]!.headers['content-type']).toBe('image/png');
    expect(sent[0]!.bodySha256).toBe(sha(expected));
    const stored = sandbox.images.getByMetadata({ type: 'UGC', id: 'doc-details-1', ds: 'confluence' });
    expect(stored?.bytes.equals(Buffer.from(expected))).toBe(true);
    expect(await key.jsonValue()).toBe(stored?.key);
    await button(details, 'Copy key');
    // Fetched back through the background and shown.
    await details.waitForFunction(() => [...document.images].some((i) => i.alt.endsWith('as stored in Glean') && i.naturalWidth === 320), { polling: 100, timeout: 10_000 });
  });

  it('has no serious or critical accessibility findings', async () => {
    expect(await axe(details)).toEqual([]);
    await details.close();
  });
});

describe('Firefox: "Upload with details…" for pictures the window cannot simply read', () => {
  let sources: Page;
  beforeAll(async () => {
    sources = await firefox.browser.newPage();
    await sources.goto(`${sandbox.origin}/demo/sources.html`);
    await sources.waitForFunction(() => (document.getElementById('blob') as HTMLImageElement).complete && (document.getElementById('cdn') as HTMLImageElement).complete);
  });
  const src = (id: string) => sources.$eval(`#${id}`, (img) => (img as HTMLImageElement).currentSrc);

  it("asks for a CDN's site when the page may not read its picture, then uploads it", async () => {
    const cdn = await src('cdn');
    expect(new URL(cdn).hostname).toBe('localhost');
    const details = await detailsFor(sources, cdn);
    await (await byLabel(details, 'Type')).select('LOGO');
    await fill(await byLabel(details, 'ID'), 'cdn-1');
    await (await button(details, 'Upload')).click();
    const allow = await button(details, 'Allow http://localhost and try again');
    expect(await details.$eval('[role="alert"]', (el) => el.textContent)).toBe('Allow the extension to read images from http://localhost to upload this one.');
    const before = uploads(sandbox).length;
    // The test profile answers permission requests without a prompt (firefox.ts): as if allowed.
    await allow.click();
    await details.waitForFunction(() => document.querySelector('.result-key code')?.textContent, { polling: 100, timeout: 20_000 });
    expect(uploads(sandbox)).toHaveLength(before + 1);
    expect(uploads(sandbox).at(-1)!.query).toEqual({ type: 'LOGO', id: 'cdn-1' });
    expect(uploads(sandbox).at(-1)!.bodySha256).toBe(sha(await picture('teal')));
    await details.close();
  });

  it("shows a placeholder for a page's blob: picture and still uploads its exact bytes", async () => {
    const blob = await src('blob');
    expect(blob).toMatch(/^blob:/);
    const details = await detailsFor(sources, blob);
    await shows(details, 'The page made this picture itself, so it cannot be shown here. It can still be uploaded.');
    await shows(details, 'Picture made by the page');
    expect(await details.$$eval('.details-image img', (imgs) => imgs.length)).toBe(0);
    await fill(await byLabel(details, 'ID'), 'blob-1');
    await (await button(details, 'Upload')).click();
    await details.waitForFunction(() => document.querySelector('.result-key code')?.textContent, { polling: 100, timeout: 20_000 });
    const sent = uploads(sandbox).at(-1)!;
    expect(sent.query).toEqual({ type: 'UGC', id: 'blob-1' });
    expect(sent.bodySha256).toBe(sha(await picture('pink')));
    await details.close();
  });
});
