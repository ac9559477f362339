// The popup in real Chromium against the sandbox: uploads through its file input, paste and drop
// land as exactly those bytes and parameters, lookups render, the page's images upload, every tab
// passes axe, and each tab is photographed in light and dark (test-results/screenshots/) and, for
// the README, once in use (docs/screenshots/ under `npm run screenshots`).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docShot, REVIEW_SHOTS } from '../support/doc-shots';
import type { ChromiumWithExtension } from '../support/chromium';
import { openExtensionPage } from '../support/chromium';
import { launchConfigured } from '../support/configured-chromium';
import { apiRequests, demoUrl, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';

const SHOTS = REVIEW_SHOTS;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TABS = ['Upload', 'Look up', 'This page', 'History'] as const;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const uploads = (s: Sandbox) => apiRequests(s).filter((r) => r.method === 'POST' && r.path === '/rest/api/v1/uploadimage');

let sandbox: Sandbox;
let browser: ChromiumWithExtension;
let popup: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandbox();
  ({ browser } = await launchConfigured(sandbox));
  popup = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.getByRole('tab', { name: 'Upload' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const tab = (name: (typeof TABS)[number]) => popup.getByRole('tab', { name, exact: true });
const panel = () => popup.locator('[role="tabpanel"]:not([hidden])');

/** Fills the Upload tab's metadata by its visible labels. */
async function describeUpload(type: string, id: string, ds = '', cid = '') {
  const p = panel();
  await p.getByLabel('Type', { exact: true }).selectOption(type);
  await p.getByLabel('ID', { exact: true }).fill(id);
  await p.getByLabel('Datasource', { exact: true }).fill(ds);
  await p.getByLabel('Content ID', { exact: true }).fill(cid);
}

/** Clicks Upload and waits for the result's key; returns it. */
async function uploadAndWait(): Promise<string> {
  // A key shown before this click (an earlier upload's) must not count as this one's.
  const keys = panel().locator('.result-key code');
  const before = await keys.count();
  await panel().getByRole('button', { name: 'Upload', exact: true }).click();
  await expect.poll(() => keys.count(), { timeout: 20_000 }).toBeGreaterThan(before);
  return (await keys.last().textContent()) ?? '';
}

/** Hands a file to the page as a synthetic paste or drop, the way the browser would. */
async function deliver(how: 'paste' | 'drop', bytes: Uint8Array, name: string) {
  await popup.evaluate(
    ([kind, data, fileName]) => {
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
    [how, Array.from(bytes), name] as const,
  );
}

async function naturalWidth(alt: string): Promise<number> {
  const img = popup.getByAltText(alt);
  await img.waitFor();
  await popup.waitForFunction((a) => {
    const el = [...document.images].find((i) => i.alt === a);
    return el?.complete && el.naturalWidth > 0;
  }, alt);
  return img.evaluate((el) => (el as HTMLImageElement).naturalWidth);
}

describe('Chromium: the popup', () => {
  it('uploads a PNG chosen with the file input as UGC, with exactly those bytes and parameters', async () => {
    await tab('Upload').click();
    const png = solidPng(24, 16, [34, 81, 209, 255]);
    await popup.locator('input[type="file"]').setInputFiles({ name: 'chosen.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => panel().getByText('chosen.png').count()).toBeGreaterThan(0);
    await expect.poll(() => panel().getByText('PNG · 24 × 16').count()).toBe(1);
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
    await docShot(popup, 'popup-upload');
  });

  it('sends chosen files as they were at the click, though they are then changed and deleted on disk', async () => {
    await tab('Upload').click();
    const dir = mkdtempSync(join(tmpdir(), 'e2e-popup-disk-'));
    try {
      const originals = [solidPng(22, 18, [10, 120, 200, 255]), solidPng(26, 12, [200, 120, 10, 255])];
      const paths = originals.map((bytes, i) => {
        const path = join(dir, `on-disk-${i}.png`);
        writeFileSync(path, bytes);
        return path;
      });
      // Real files, chosen by path: the browser reads them from disk when asked, as a file dialog's.
      await popup.locator('input[type="file"]').setInputFiles(paths);
      await expect.poll(() => panel().getByText('on-disk-1.png').count()).toBeGreaterThan(0);
      await describeUpload('UGC', 'on-disk');
      // Glean asks to wait 2 s: the files are read again only after they have changed.
      sandbox.knobs.rateLimit = { count: 2, retryAfter: '2' };
      await panel().getByRole('button', { name: 'Upload', exact: true }).click();
      await panel().getByText('Sent 2 images.', { exact: false }).waitFor();
      await expect.poll(() => uploads(sandbox).filter((r) => r.status === 429).length).toBeGreaterThan(0);
      writeFileSync(paths[0]!, solidPng(5, 5, [0, 0, 0, 255]));
      unlinkSync(paths[1]!);
      const stored = () => uploads(sandbox).filter((r) => r.query.id === 'on-disk' && r.status === 200).map((r) => r.bodySha256).sort();
      await expect.poll(stored, { timeout: 20_000 }).toEqual(originals.map(sha).sort());
      // Neither failed nor marked "sent again" (a 429 says Glean stored nothing).
      await expect.poll(() => panel().getByText('Uploaded.', { exact: true }).count(), { timeout: 10_000 }).toBe(2);
      expect(stored()).toHaveLength(2);
      expect(await panel().innerText()).not.toMatch(/Sent again/);
    } finally {
      sandbox.knobs.rateLimit = { count: 0 };
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('offers the earlier upload for the same image and details, and uploads again when insisted', async () => {
    // Its own earlier upload, so the test stands alone.
    await tab('Upload').click();
    const png = solidPng(20, 14, [90, 20, 140, 255]);
    const choosePng = () => popup.locator('input[type="file"]').setInputFiles({ name: 'twice.png', mimeType: 'image/png', buffer: png });
    await choosePng();
    await describeUpload('UGC', 'twice-1');
    await uploadAndWait();
    const before = uploads(sandbox).length;
    await choosePng();
    await describeUpload('UGC', 'twice-1');
    await panel().getByRole('button', { name: 'Upload', exact: true }).click();
    await panel().getByText('Already uploaded with the same details').waitFor();
    expect(uploads(sandbox)).toHaveLength(before);
    await panel().getByRole('button', { name: 'Upload again anyway' }).click();
    await expect.poll(() => uploads(sandbox).length, { timeout: 20_000 }).toBe(before + 1);
    expect(uploads(sandbox).at(-1)!.bodySha256).toBe(sha(png));
    expect(uploads(sandbox).at(-1)!.query).toEqual({ type: 'UGC', id: 'twice-1' });
  });

  it('takes a pasted image', async () => {
    await tab('Upload').click();
    const png = solidPng(10, 12, [200, 30, 30, 255]);
    await deliver('paste', png, 'pasted.png');
    await panel().getByText('pasted.png').waitFor();
    await describeUpload('UGC', 'pasted-1');
    await uploadAndWait();
    const last = uploads(sandbox).at(-1)!;
    expect(last.query).toEqual({ type: 'UGC', id: 'pasted-1' });
    expect(last.bodySha256).toBe(sha(png));
  });

  it('takes a dropped image', async () => {
    await tab('Upload').click();
    const png = solidPng(12, 10, [30, 160, 60, 255]);
    await deliver('drop', png, 'dropped.png');
    await panel().getByText('dropped.png').waitFor();
    await describeUpload('FEEDBACK', 'dropped-1');
    await uploadAndWait();
    const last = uploads(sandbox).at(-1)!;
    expect(last.query).toEqual({ type: 'FEEDBACK', id: 'dropped-1' });
    expect(last.bodySha256).toBe(sha(png));
  });

  it('converts a chosen SVG drawing to PNG before uploading it', async () => {
    await tab('Upload').click();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#e4572e"/></svg>';
    await popup.locator('input[type="file"]').setInputFiles({ name: 'drawing.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
    await panel().getByText(/it will be converted to PNG/).waitFor();
    await describeUpload('LOGO', 'svg-logo');
    await uploadAndWait();
    expect(uploads(sandbox).at(-1)!.headers['content-type']).toBe('image/png');
    const stored = sandbox.images.getByMetadata({ type: 'LOGO', id: 'svg-logo' })!;
    expect(stored.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([stored.bytes.readUInt32BE(16), stored.bytes.readUInt32BE(20)]).toEqual([40, 20]);
  });

  it('looks up a seeded profile picture and renders it', async () => {
    await tab('Look up').click();
    await expect(panel().getByLabel('User ID').inputValue()).resolves.toBe('alice');
    await panel().getByRole('button', { name: 'Look up', exact: true }).click();
    expect(await naturalWidth('Profile picture of alice')).toBe(96);
    await panel().getByText('image/png').waitFor();
    expect(await panel().locator('.image-facts').first().textContent()).toContain('96 × 96');
    await docShot(popup, 'popup-look-up');
  });

  it('says plainly when nothing is found', async () => {
    await tab('Look up').click();
    await panel().getByLabel('Key', { exact: true }).fill('no-such-key');
    await panel().getByRole('button', { name: 'Find image' }).click();
    await panel().getByText('No image found: nothing is stored under this key or these details.').waitFor();
  });

  it('lists the active page\'s images and uploads a chosen one', async () => {
    const demo = await browser.context.newPage();
    await demo.goto(demoUrl(sandbox));
    await demo.bringToFront();
    // The popup, opened as a tab here, asks for the active tab when This page is first shown.
    await tab('This page').click();
    const list = panel().getByRole('list', { name: 'Images on this page' });
    await list.waitFor({ timeout: 15_000 });
    // The demo's site is not enabled here: its Glean images cannot show, and the tab says so.
    const report = panel().getByRole('region', { name: 'Glean images on this page' });
    await expect(report.textContent()).resolves.toContain('Glean images are not shown on this site');
    const red = list.getByRole('checkbox', { name: /Red gradient/ });
    await red.check();
    await describeUpload('UGC', 'from-page');
    const before = uploads(sandbox).length;
    await panel().getByRole('button', { name: 'Upload selected (1)' }).click();
    await panel().getByText('Uploaded 1 of 1').waitFor({ timeout: 20_000 });
    const last = uploads(sandbox).at(-1)!;
    expect(uploads(sandbox)).toHaveLength(before + 1);
    expect(last.query).toEqual({ type: 'UGC', id: 'from-page' });
    expect(sandbox.images.getByMetadata({ type: 'UGC', id: 'from-page' })?.contentType).toBe('image/png');
    await docShot(popup, 'popup-this-page');
    await popup.bringToFront();
    await demo.close();
  });

  it('shows the history with thumbnails and copy formats', async () => {
    // One upload of its own, so there is history when the test runs alone.
    await tab('Upload').click();
    await popup.locator('input[type="file"]').setInputFiles({ name: 'history.png', mimeType: 'image/png', buffer: solidPng(16, 16, [240, 180, 20, 255]) });
    await describeUpload('UGC', 'history-1');
    await uploadAndWait();
    await tab('History').click();
    const items = panel().locator('section[aria-labelledby="history-title"] li.item');
    // Every upload this browser made is listed, the newest first.
    const made = uploads(sandbox).filter((r) => r.status === 200).length;
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(made);
    expect(await items.first().textContent()).toContain('history.png');
    await expect.poll(() => items.first().locator('img').evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await items.first().getByRole('button', { name: 'Copy HTML' }).count()).toBe(1);
    await docShot(popup, 'popup-history');
  });

  it('has no serious or critical accessibility findings on any tab, in light or dark', async () => {
    // addScriptTag would be an inline script, which the extension's CSP refuses; evaluating
    // through the DevTools protocol is not subject to it.
    await popup.evaluate(readFileSync(AXE, 'utf8'));
    expect(await popup.evaluate(() => typeof (globalThis as any).axe?.run)).toBe('function');
    const found: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      for (const name of TABS) {
        await tab(name).click();
        const violations = await popup.evaluate(async () => {
          const result = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
          return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        found.push(...violations.map((v) => `${name}, ${scheme}: ${v}`));
      }
    }
    expect(found).toEqual([]);
  });

  it('photographs every tab in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      for (const name of TABS) {
        await tab(name).click();
        await popup.screenshot({ path: `${SHOTS}/popup-${name.toLowerCase().replace(' ', '-')}-${scheme}.png`, fullPage: true });
      }
    }
  });
});
