// "Upload with details…" and the options page's Uploads section in real Chromium against the
// sandbox: the right-click entry (dispatched to the extension's own menu listener) opens the
// details window, which uploads the demo picture's exact bytes with the metadata typed there; new
// defaults saved in the Uploads section are what the next plain right-click upload sends. Both are
// photographed in light and dark and checked with axe.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { axeFindings } from '../support/axe';
import { docShot, REVIEW_SHOTS } from '../support/doc-shots';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, openExtensionPage, type ChromiumWithExtension } from '../support/chromium';
import { fillOptions, firstRunOptionsPage, sendFromPage } from '../support/options-page';
import { CHROME_BUILD } from '../support/paths';
import { apiRequests, demoUrl, startSandbox, type Sandbox } from '../support/sandbox-fixture';

/** A build other than `npm run build`'s, e.g. one made into a private folder. */
const BUILD = process.env.GLEAN_E2E_CHROME_BUILD ?? CHROME_BUILD;
// In the repository's ignored test-results/, not the system's temp folder, which a run leaves as it found it.
const SHOTS = process.env.GLEAN_E2E_SHOTS ?? `${REVIEW_SHOTS}details`;
mkdirSync(SHOTS, { recursive: true });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const uploads = (s: Sandbox) => apiRequests(s).filter((r) => r.method === 'POST' && r.path === '/rest/api/v1/uploadimage');

let sandbox: Sandbox;
let browser: ChromiumWithExtension;
let options: Page;
let demo: Page;

/**
 * Configured as a user would: host granted, backend and token saved on the options page. The
 * connection form's own status line is read, as the page now has more than one.
 */
async function configure(): Promise<void> {
  browser = await launchChromiumWithExtension(BUILD);
  options = await firstRunOptionsPage(browser.context, browser.extensionId);
  await browser.grantHost('http://127.0.0.1/*');
  await fillOptions(options, { backend: sandbox.origin, token: sandbox.tokens.user, userId: 'alice' });
  const connection = options.locator('form').filter({ has: options.getByRole('button', { name: 'Save', exact: true }) });
  await connection.getByRole('button', { name: 'Save', exact: true }).click();
  await connection.getByRole('status').filter({ hasText: 'Saved.' }).waitFor({ timeout: 20_000 });
}

/** The extension's service worker now (Chrome may have stopped and restarted it). */
const worker = () => browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId)) ?? browser.worker;

/** A tab's id, as the background knows it. */
function tabIdOf(url: string): Promise<number> {
  return worker().evaluate(async (u) => (await (globalThis as any).chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id, url);
}

/**
 * A click on one of the extension's right-click entries on a picture of `page`, delivered to its
 * real listener with what Chrome passes; resolves to the details window when one opens.
 */
async function menuClick(page: Page, menuItemId: string, srcUrl: string): Promise<Page | null> {
  const tabId = await tabIdOf(page.url());
  const opened = menuItemId === 'glean-upload-details'
    ? browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html?details='), timeout: 15_000 })
    : null;
  await worker().evaluate(
    ([id, src, pageUrl, tab]) => (globalThis as any).chrome.contextMenus.onClicked.dispatch({ menuItemId: id, srcUrl: src, pageUrl, frameId: 0, mediaType: 'image', editable: false }, { id: tab }),
    [menuItemId, srcUrl, page.url(), tabId] as const,
  );
  const details = opened && (await opened);
  // Playwright gives every page its own 1280 × 720 viewport; the real window is about 440 × 680.
  await details?.setViewportSize({ width: 440, height: 680 });
  await details?.getByRole('heading', { name: 'Upload with details' }).waitFor();
  return details;
}

/** Photographs a page in light and dark. */
async function photograph(page: Page, name: string, fullPage = false): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${SHOTS}/${name}-${scheme}.png`, fullPage });
  }
  await page.emulateMedia({ colorScheme: null });
}

const picture = async (name: string, dir = 'img') => new Uint8Array(await (await fetch(`${sandbox.origin}/demo/${dir}/${name}.png`)).arrayBuffer());


beforeAll(async () => {
  sandbox = await startSandbox();
  await configure();
  demo = await browser.context.newPage();
  await demo.goto(demoUrl(sandbox));
  await demo.waitForFunction(() => [...document.images].filter((i) => i.id.startsWith('demo-')).every((i) => i.complete && i.naturalWidth > 0));
  console.log(`details e2e screenshots: ${SHOTS}`);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('Chromium: "Upload with details…"', () => {
  let details: Page;

  it('opens a window for the picture, prefilled with the right-click defaults', async () => {
    details = (await menuClick(demo, 'glean-upload-details', `${sandbox.origin}/demo/img/red.png`))!;
    const target = JSON.parse(new URL(details.url()).searchParams.get('details')!);
    expect(target).toEqual({ tabId: await tabIdOf(demo.url()), frameId: 0, src: `${sandbox.origin}/demo/img/red.png`, pageUrl: demoUrl(sandbox) });

    // The picture itself, as the page serves it, with its name and page.
    const img = details.getByRole('img', { name: 'The picture to upload: red.png' });
    await details.waitForFunction(() => [...document.images].some((i) => i.complete && i.naturalWidth === 320));
    expect(await img.evaluate((i) => (i as HTMLImageElement).naturalHeight)).toBe(200);
    await details.getByText('320 × 200').waitFor();
    await details.getByText(demoUrl(sandbox)).waitFor();
    expect(await details.getByLabel('Type', { exact: true }).inputValue()).toBe('UGC');
    expect(await details.getByLabel('ID', { exact: true }).inputValue()).toBe('');
    await docShot(details, 'details-window', { fullPage: false });
  });

  it('refuses to send a profile picture without its user ID, saying why', async () => {
    await details.getByLabel('Type', { exact: true }).selectOption('USER');
    await details.getByRole('button', { name: 'Upload', exact: true }).click();
    await details.getByText('A profile picture (USER) needs the user ID.').waitFor();
    expect(uploads(sandbox)).toHaveLength(0);
    await details.getByLabel('Type', { exact: true }).selectOption('UGC');
  });

  it('uploads the demo picture\'s exact bytes with the ID and Datasource typed there', async () => {
    await details.getByLabel('ID', { exact: true }).fill('doc-details-1');
    await details.getByLabel('Datasource', { exact: true }).fill('confluence');
    await photograph(details, 'details-form');
    await details.getByRole('button', { name: 'Upload', exact: true }).click();
    const key = details.locator('.result-key code');
    await key.waitFor({ timeout: 20_000 });

    const expected = await picture('red');
    const sent = uploads(sandbox);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.query).toEqual({ type: 'UGC', id: 'doc-details-1', ds: 'confluence' });
    expect(sent[0]!.headers['content-type']).toBe('image/png');
    expect(sent[0]!.bodySha256).toBe(sha(expected));
    const stored = sandbox.images.getByMetadata({ type: 'UGC', id: 'doc-details-1', ds: 'confluence' });
    expect(stored?.bytes.equals(Buffer.from(expected))).toBe(true);
    expect(await key.textContent()).toBe(stored?.key);
    expect(await details.getByRole('button', { name: 'Copy key' }).count()).toBe(1);
    // Fetched back through the background and shown.
    await details.waitForFunction(() => [...document.images].some((i) => i.alt.endsWith('as stored in Glean') && i.naturalWidth === 320), null, { timeout: 10_000 });
    await photograph(details, 'details-done');
    await photograph(details, 'details-done-full', true);
  });

  it('the toast\'s "Show" link opens History with that upload marked and focused', async () => {
    const [latest] = (await sendFromPage<{ ok: true; value: { id: string }[] }>(options, 'history.list', { limit: 5 })).value;
    const history = await openExtensionPage(browser.context, browser.extensionId, `popup.html?view=history&highlight=${encodeURIComponent(latest!.id)}`);
    await history.setViewportSize({ width: 420, height: 600 });
    const current = history.locator('li[aria-current="true"]');
    await current.waitFor();
    expect(await history.getByRole('tab', { selected: true }).textContent()).toBe('History');
    expect(await current.textContent()).toContain('red.png');
    expect(await current.textContent()).toContain('UGC · doc-details-1 · confluence');
    await history.waitForFunction(() => document.activeElement?.getAttribute('aria-current') === 'true');
    await photograph(history, 'history-highlight');
    await history.close();
  });

  it('offers the earlier upload when the same picture and details are sent again', async () => {
    await details.getByRole('button', { name: 'Upload', exact: true }).click();
    await details.getByText(/Already uploaded with the same details/).waitFor();
    expect(uploads(sandbox)).toHaveLength(1);
    await details.getByRole('button', { name: 'Upload again anyway' }).click();
    await expect.poll(() => uploads(sandbox).length, { timeout: 20_000 }).toBe(2);
  });

  it('has no serious or critical accessibility findings', async () => {
    expect(await axeFindings(details, 'details window')).toEqual([]);
  });

  it('closes with Close', async () => {
    const closed = details.waitForEvent('close');
    // The window can close before Playwright hears back from its click; that is the success case.
    await details.getByRole('button', { name: 'Close', exact: true }).click().catch((e: unknown) => {
      if (!details.isClosed()) throw e;
    });
    await closed;
    expect(details.isClosed()).toBe(true);
  });
});

const section = () => options.locator('section.uploads-section');

describe('Chromium: the options page\'s Uploads section', () => {
  it('saves new right-click defaults that the next right-click upload uses', async () => {
    await options.bringToFront();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.reload();
    const s = section();
    await s.getByLabel('Largest file (MB)').waitFor();
    expect(await s.getByLabel('Uploads at the same time').inputValue()).toBe('3');
    await s.getByLabel('Default type for right-click').selectOption('LOGO');
    await s.getByLabel('ID', { exact: true }).fill('brand-7');
    await s.getByLabel('Datasource', { exact: true }).fill('website');
    await s.getByLabel('Maximum width').fill('160');
    await s.getByLabel('Format').selectOption({ label: 'PNG' });
    await s.getByLabel('Uploads kept in history').fill('3');
    await s.getByRole('button', { name: 'Save upload settings' }).click();
    await s.getByText('Enter a whole number of uploads from 10 to 5000.').waitFor();
    await s.getByLabel('Uploads kept in history').fill('300');
    await s.getByRole('button', { name: 'Save upload settings' }).click();
    await s.getByRole('status').filter({ hasText: 'Upload settings saved. New uploads use them.' }).waitFor();

    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      // In page coordinates, as a full-page clip takes them.
      const box = await s.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
      });
      await options.screenshot({ path: `${SHOTS}/options-uploads-${scheme}.png`, fullPage: true, clip: { x: box.x - 16, y: box.y - 8, width: box.width + 32, height: box.height + 16 } });
    }
    await photograph(options, 'options-page', true);
    await docShot(s, 'options-uploads');

    // Still there after a reload: saved in the background, not only in the form.
    await options.reload();
    await section().getByLabel('Largest file (MB)').waitFor();
    expect(await section().getByLabel('Default type for right-click').inputValue()).toBe('LOGO');
    expect(await section().getByLabel('Maximum width').inputValue()).toBe('160');

    const before = uploads(sandbox).length;
    await menuClick(demo, 'glean-upload', `${sandbox.origin}/demo/img/green.png`);
    await expect.poll(() => uploads(sandbox).length, { timeout: 20_000 }).toBe(before + 1);
    const sent = uploads(sandbox).at(-1)!;
    expect(sent.query).toEqual({ type: 'LOGO', id: 'brand-7', ds: 'website' });
    expect(sent.headers['content-type']).toBe('image/png');
    await expect.poll(() => sandbox.images.getByMetadata({ type: 'LOGO', id: 'brand-7', ds: 'website' }) !== undefined, { timeout: 10_000 }).toBe(true);
    const stored = sandbox.images.getByMetadata({ type: 'LOGO', id: 'brand-7', ds: 'website' })!;
    // The default processing: the 320 × 200 picture at most 160 wide.
    expect([stored.bytes.readUInt32BE(16), stored.bytes.readUInt32BE(20)]).toEqual([160, 100]);
  });

  it('has no serious or critical accessibility findings', async () => {
    expect(await axeFindings(options, 'options page')).toEqual([]);
  });
});

describe('Chromium: "Upload with details…" for pictures the window cannot simply read', () => {
  let sources: Page;
  beforeAll(async () => {
    sources = await browser.context.newPage();
    await sources.goto(`${sandbox.origin}/demo/sources.html`);
    await sources.waitForFunction(() => (document.getElementById('blob') as HTMLImageElement).complete && (document.getElementById('cdn') as HTMLImageElement).complete);
  });
  const src = (id: string) => sources.locator(`#${id}`).evaluate((img: HTMLImageElement) => img.currentSrc);

  it('asks for a CDN\'s site when the page may not read its picture, then uploads it', async () => {
    const cdn = await src('cdn');
    expect(new URL(cdn).hostname).toBe('localhost');
    const details = (await menuClick(sources, 'glean-upload-details', cdn))!;
    await details.getByLabel('Type', { exact: true }).selectOption('LOGO');
    await details.getByRole('button', { name: 'Upload', exact: true }).click();
    const allow = details.getByRole('button', { name: 'Allow http://localhost and try again' });
    await allow.waitFor({ timeout: 15_000 });
    expect(await details.getByRole('alert').textContent()).toBe('Allow the extension to read images from http://localhost to upload this one.');
    await photograph(details, 'details-needs-site');
    // What the person does at the browser's prompt, which a headless test cannot show: allow it.
    await browser.grantHost('http://localhost/*');
    const before = uploads(sandbox).length;
    await allow.click();
    await details.locator('.result-key code').waitFor({ timeout: 20_000 });
    expect(uploads(sandbox)).toHaveLength(before + 1);
    const sent = uploads(sandbox).at(-1)!;
    expect(sent.query).toEqual({ type: 'LOGO', id: 'brand-7', ds: 'website' });
    // The Uploads section's default processing (at most 160 wide, PNG) still applies.
    const stored = sandbox.images.getByKey((await details.locator('.result-key code').textContent())!)!;
    expect([stored.bytes.readUInt32BE(16), stored.bytes.readUInt32BE(20)]).toEqual([160, 100]);
    await details.close();
  });

  it('shows a placeholder for a page\'s blob: picture and still uploads its exact bytes', async () => {
    const blob = await src('blob');
    expect(blob).toMatch(/^blob:/);
    // Processing as it came, so the bytes can be compared.
    await options.bringToFront();
    await section().getByLabel('Maximum width').fill('');
    await section().getByLabel('Format').selectOption({ label: 'Keep' });
    await section().getByRole('button', { name: 'Save upload settings' }).click();
    await section().getByRole('status').filter({ hasText: 'Upload settings saved.' }).waitFor();

    const details = (await menuClick(sources, 'glean-upload-details', blob))!;
    await details.getByText('The page made this picture itself, so it cannot be shown here. It can still be uploaded.').waitFor();
    await details.getByText('Picture made by the page', { exact: true }).waitFor();
    expect(await details.locator('.details-image img').count()).toBe(0);
    await details.getByLabel('ID', { exact: true }).fill('blob-1');
    await photograph(details, 'details-blob');
    await details.getByRole('button', { name: 'Upload', exact: true }).click();
    await details.locator('.result-key code').waitFor({ timeout: 20_000 });
    const sent = uploads(sandbox).at(-1)!;
    expect(sent.query).toEqual({ type: 'LOGO', id: 'blob-1', ds: 'website' });
    expect(sent.bodySha256).toBe(sha(await picture('pink')));
    await details.close();
  });
});
