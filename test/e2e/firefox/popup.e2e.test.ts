// The popup in Firefox ESR against the sandbox, with the Chromium file's assertions: uploads through
// its file input and drop land as exactly those bytes and parameters (paste: see below), an SVG is converted,
// lookups render, the active page's images upload, the history lists them, a deep link marks one,
// and every tab passes axe in light and dark. The popup is opened by the extension itself, as a
// tab (configured-firefox.ts says why).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, unlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConfiguredFirefox, openExtensionTab, sendFrom } from '../support/configured-firefox';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_BUILD } from '../support/paths';
import { apiRequests, demoUrl, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TABS = ['Upload', 'Look up', 'This page', 'History'] as const;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const uploads = (s: Sandbox) => apiRequests(s).filter((r) => r.method === 'POST' && r.path === '/rest/api/v1/uploadimage');

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;
let popup: Page;
let files: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ firefox, options } = await launchConfiguredFirefox(sandbox));
  popup = await openExtensionTab(firefox, options, 'popup.html');
  await popup.setViewport({ width: 400, height: 600 });
  await popup.locator('::-p-aria([name="Upload"][role="tab"])').wait();
  files = mkdtempSync(join(tmpdir(), 'firefox-popup-files-'));
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

const aria = (role: string, name: string) => `::-p-aria([name="${name}"][role="${role}"])`;
const tab = (name: (typeof TABS)[number]) => popup.locator(aria('tab', name)).click();

/** Waits until the visible tab panel shows `text`. */
function panelShows(text: string, timeout = 20_000): Promise<unknown> {
  return popup.waitForFunction((t) => document.querySelector('[role="tabpanel"]:not([hidden])')?.textContent?.includes(t), { polling: 100, timeout }, text);
}

/** Fills the Upload tab's metadata by its visible labels. */
async function describeUpload(type: string, id: string, ds = '', cid = '') {
  await (await popup.$(aria('combobox', 'Type')))!.select(type);
  for (const [label, value] of [['ID', id], ['Datasource', ds], ['Content ID', cid]] as const) {
    const field = (await popup.$(aria('textbox', label)))!;
    // Puppeteer's fill('') leaves the old text: empty the field first, as selecting it and deleting would.
    await field.evaluate((el) => {
      (el as HTMLInputElement).value = '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    if (value) await field.type(value);
  }
}

/** Clicks Upload and waits for the newest result's key; returns it. */
async function uploadAndWait(): Promise<string> {
  const before = await popup.$$eval('.result-key code', (els) => els.length);
  await popup.locator(aria('button', 'Upload')).click();
  await popup.waitForFunction((n) => document.querySelectorAll('.result-key code').length > n, { polling: 100, timeout: 20_000 }, before);
  return popup.$$eval('.result-key code', (els) => els.at(-1)?.textContent ?? '');
}

/** Chooses a file with the file input, as a person would in the file dialog. */
async function choose(name: string, bytes: Uint8Array): Promise<void> {
  const path = join(files, name);
  writeFileSync(path, bytes);
  const input = await popup.$('input[type="file"]');
  await input!.uploadFile(path);
}

/** Hands a file to the page as a synthetic paste or drop, the way the browser would. */
async function deliver(how: 'paste' | 'drop', bytes: Uint8Array, name: string) {
  await popup.evaluate(
    (kind, data, fileName) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(data)], fileName, { type: 'image/png' }));
      if (kind === 'paste') {
        document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        return;
      }
      const zone = document.querySelector('.dropzone')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    how,
    Array.from(bytes),
    name,
  );
}

/** The natural width of the image with alt text `alt`, once it has loaded. */
async function naturalWidth(alt: string): Promise<number> {
  const width = await popup.waitForFunction((a) => [...document.images].find((i) => i.alt === a && i.complete && i.naturalWidth > 0)?.naturalWidth, { polling: 100, timeout: 15_000 }, alt);
  return (await width.jsonValue()) as number;
}

describe('Firefox: the popup', () => {
  it('uploads a PNG chosen with the file input as UGC, with exactly those bytes and parameters', async () => {
    await tab('Upload');
    const png = solidPng(24, 16, [34, 81, 209, 255]);
    await choose('chosen.png', png);
    await panelShows('chosen.png');
    await panelShows('PNG · 24 × 16');
    await describeUpload('UGC', 'doc-42', 'confluence', 'thumbnail');
    const key = await uploadAndWait();

    const sent = uploads(sandbox);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query).toEqual({ type: 'UGC', id: 'doc-42', ds: 'confluence', cid: 'thumbnail' });
    expect(sent[0]!.headers['content-type']).toBe('image/png');
    expect(sent[0]!.bodySha256).toBe(sha(png));
    const stored = sandbox.images.getByMetadata({ type: 'UGC', id: 'doc-42', ds: 'confluence', cid: 'thumbnail' });
    expect(stored?.bytes.equals(png)).toBe(true);
    expect(stored?.key).toBe(key);
    // Fetched back by its key and shown, so the user sees that it landed.
    expect(await naturalWidth('chosen.png, as stored in Glean')).toBe(24);
    expect(apiRequests(sandbox).some((r) => r.method === 'GET' && r.query.key === key && r.status === 200)).toBe(true);
  });

  it('sends chosen files as they were at the click, though they are then changed and deleted on disk', async () => {
    await tab('Upload');
    const originals = [solidPng(22, 18, [10, 120, 200, 255]), solidPng(26, 12, [200, 120, 10, 255])];
    const paths = originals.map((bytes, i) => {
      const path = join(files, `on-disk-${i}.png`);
      writeFileSync(path, bytes);
      return path;
    });
    try {
      await (await popup.$('input[type="file"]'))!.uploadFile(...paths);
      await panelShows('on-disk-1.png');
      await describeUpload('UGC', 'on-disk');
      // Glean asks to wait 2 s: the files are read again only after they have changed.
      sandbox.knobs.rateLimit = { count: 2, retryAfter: '2' };
      await popup.locator(aria('button', 'Upload')).click();
      await panelShows('Sent 2 images.');
      await expect.poll(() => uploads(sandbox).filter((r) => r.status === 429).length).toBeGreaterThan(0);
      writeFileSync(paths[0]!, solidPng(5, 5, [0, 0, 0, 255]));
      unlinkSync(paths[1]!);
      const stored = () => uploads(sandbox).filter((r) => r.query.id === 'on-disk' && r.status === 200).map((r) => r.bodySha256).sort();
      await expect.poll(stored, { timeout: 20_000 }).toEqual(originals.map(sha).sort());
      // Neither failed nor marked "sent again" (a 429 says Glean stored nothing).
      await expect.poll(() => popup.$$eval('[role="tabpanel"]:not([hidden]) .result-key code', (els) => els.length), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      expect(stored()).toHaveLength(2);
      expect(await popup.$eval('[role="tabpanel"]:not([hidden])', (el) => (el as HTMLElement).innerText)).not.toMatch(/Sent again/);
    } finally {
      sandbox.knobs.rateLimit = { count: 0 };
    }
  });

  it('offers the earlier upload for the same image and details, and uploads again when insisted', async () => {
    // Its own earlier upload, so the test stands alone.
    await tab('Upload');
    const png = solidPng(20, 14, [90, 20, 140, 255]);
    await choose('twice.png', png);
    await describeUpload('UGC', 'twice-1');
    await uploadAndWait();
    const before = uploads(sandbox).length;
    await choose('twice.png', png);
    await describeUpload('UGC', 'twice-1');
    await popup.locator(aria('button', 'Upload')).click();
    await panelShows('Already uploaded with the same details');
    expect(uploads(sandbox)).toHaveLength(before);
    await popup.locator(aria('button', 'Upload again anyway')).click();
    await expect.poll(() => uploads(sandbox).length, { timeout: 20_000 }).toBe(before + 1);
    expect(uploads(sandbox).at(-1)!.bodySha256).toBe(sha(png));
    expect(uploads(sandbox).at(-1)!.query).toEqual({ type: 'UGC', id: 'twice-1' });
  });

  // No paste test in Firefox: it empties a script-made ClipboardEvent's clipboardData (the files
  // given are dropped), and a real Ctrl+V in headless Firefox after clipboard.write() of a PNG
  // delivered a paste with no files either (measured on ESR 153). The same code path (pickedFiles
  // on a DataTransfer) is covered by the drop below and by Chromium's paste test.

  it('takes a dropped image', async () => {
    await tab('Upload');
    const png = solidPng(12, 10, [30, 160, 60, 255]);
    await deliver('drop', png, 'dropped.png');
    await panelShows('dropped.png');
    await describeUpload('FEEDBACK', 'dropped-1');
    await uploadAndWait();
    const last = uploads(sandbox).at(-1)!;
    expect(last.query).toEqual({ type: 'FEEDBACK', id: 'dropped-1' });
    expect(last.bodySha256).toBe(sha(png));
  });

  it('converts a chosen SVG drawing to PNG before uploading it', async () => {
    await tab('Upload');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#e4572e"/></svg>';
    await choose('drawing.svg', Buffer.from(svg));
    await panelShows('it will be converted to PNG');
    await describeUpload('LOGO', 'svg-logo');
    await uploadAndWait();
    expect(uploads(sandbox).at(-1)!.headers['content-type']).toBe('image/png');
    const stored = sandbox.images.getByMetadata({ type: 'LOGO', id: 'svg-logo' })!;
    expect(stored.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([stored.bytes.readUInt32BE(16), stored.bytes.readUInt32BE(20)]).toEqual([40, 20]);
  });

  it('looks up a seeded profile picture and renders it', async () => {
    await tab('Look up');
    await popup.waitForFunction(() => (document.querySelector('[role="tabpanel"]:not([hidden]) input') as HTMLInputElement | null)?.value === 'alice', { polling: 100 });
    await popup.locator(aria('button', 'Look up')).click();
    expect(await naturalWidth('Profile picture of alice')).toBe(96);
    await panelShows('image/png');
    expect(await popup.$eval('[role="tabpanel"]:not([hidden]) .image-facts', (el) => el.textContent)).toContain('96 × 96');
  });

  it('says plainly when nothing is found', async () => {
    await tab('Look up');
    await popup.locator(aria('textbox', 'Key')).fill('no-such-key');
    await popup.locator(aria('button', 'Find image')).click();
    await panelShows('No image found: nothing is stored under this key or these details.');
  });

  it("lists the active page's images and uploads a chosen one", async () => {
    const demo = await firefox.browser.newPage();
    await demo.goto(demoUrl(sandbox));
    await demo.bringToFront();
    // The popup, opened as a tab here, asks for the active tab when This page is first shown.
    await tab('This page');
    await popup.locator(aria('list', 'Images on this page')).setTimeout(15_000).wait();
    const red = await popup.waitForFunction(
      () => [...document.querySelectorAll('input[type="checkbox"]')].find((c) => (c as HTMLInputElement).labels?.[0]?.textContent?.includes('Red gradient') || c.closest('li')?.textContent?.includes('Red gradient')),
      { polling: 100, timeout: 15_000 },
    );
    await (red as import('puppeteer-core').ElementHandle<Element>).click();
    await describeUpload('UGC', 'from-page');
    const before = uploads(sandbox).length;
    await popup.locator(aria('button', 'Upload selected (1)')).click();
    await panelShows('Uploaded 1 of 1');
    expect(uploads(sandbox)).toHaveLength(before + 1);
    expect(uploads(sandbox).at(-1)!.query).toEqual({ type: 'UGC', id: 'from-page' });
    expect(sandbox.images.getByMetadata({ type: 'UGC', id: 'from-page' })?.contentType).toBe('image/png');
    await demo.close();
  });

  it('shows the history with thumbnails and copy formats', async () => {
    // One upload of its own, so there is history when the test runs alone.
    await tab('Upload');
    await choose('history.png', solidPng(16, 16, [240, 180, 20, 255]));
    await describeUpload('UGC', 'history-1');
    await uploadAndWait();
    await tab('History');
    const items = 'section[aria-labelledby="history-title"] li.item';
    // Every upload this browser made is listed, the newest first.
    const made = uploads(sandbox).filter((r) => r.status === 200).length;
    await expect.poll(() => popup.$$eval(items, (els) => els.length), { timeout: 10_000 }).toBe(made);
    expect(await popup.$eval(items, (el) => el.textContent)).toContain('history.png');
    await expect.poll(() => popup.$eval(`${items} img`, (i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await popup.$$eval(`${items}:first-child button`, (bs) => bs.map((b) => b.textContent))).toContain('Copy HTML');
  });

  it('opens a deep link to one upload in the history, marked and focused', async () => {
    // One upload of its own to link to, so the test stands alone.
    await tab('Upload');
    await choose('linked.png', solidPng(14, 14, [20, 200, 200, 255]));
    await describeUpload('UGC', 'linked-1');
    await uploadAndWait();
    const [latest] = (await sendFrom<{ ok: true; value: { id: string; metadata: { id?: string } }[] }>(options, 'history.list', { limit: 5 })).value;
    const history = await openExtensionTab(firefox, options, `popup.html?view=history&highlight=${encodeURIComponent(latest!.id)}`);
    await history.waitForFunction(() => document.activeElement?.getAttribute('aria-current') === 'true', { polling: 100, timeout: 10_000 });
    expect(await history.$eval('[role="tab"][aria-selected="true"]', (el) => el.textContent)).toBe('History');
    expect(await history.$eval('li[aria-current="true"]', (el) => el.textContent)).toContain(latest!.metadata.id ?? '');
    await history.close();
  });

  it('has no serious or critical accessibility findings on any tab, in light', async () => {
    expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: light)').matches)).toBe(true);
    expect(await axeOnTabs(popup)).toEqual([]);
  });
});

/** axe's serious and critical findings on each of the popup's tabs. */
async function axeOnTabs(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const found: string[] = [];
  for (const name of TABS) {
    await page.locator(aria('tab', name)).click();
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
      return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    found.push(...violations.map((v) => `${name}: ${v}`));
  }
  return found;
}

// Puppeteer cannot emulate a colour scheme over BiDi (it needs CDP), so dark mode is Firefox's own
// preference, set when it starts: a second browser, with the same uploads shown in History.
describe('Firefox: the popup in dark mode', () => {
  let dark: FirefoxWithExtension | undefined;
  afterAll(() => dark?.close());

  it('has no serious or critical accessibility findings on any tab', async () => {
    dark = await launchFirefoxWithExtension(FIREFOX_BUILD, { prefs: { 'layout.css.prefers-color-scheme.content-override': 0 } });
    const opts = await findExtensionPage(dark.browser, `${dark.baseUrl}options.html`, 15_000);
    await opts.locator('#backend').fill(sandbox.origin);
    await opts.locator('button[data-method="token"]').click(); // a fresh install starts on signing in with Glean
    await opts.locator('#token').fill(sandbox.tokens.user);
    await opts.locator('form button[type="submit"]').click();
    await opts.waitForFunction(() => document.querySelector('form [role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });
    const page = await openExtensionTab(dark, opts, 'popup.html');
    await page.setViewport({ width: 400, height: 600 });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await axeOnTabs(page)).toEqual([]);
  });
});
