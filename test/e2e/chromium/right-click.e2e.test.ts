// Right-click uploads in Chromium, for every kind of image a page has. A test cannot open the
// browser's own menu, so it fires the menu's real onClicked event in the service worker with what
// Chrome passes (srcUrl, pageUrl, frameId, the tab); the extension's own listener does the rest.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowSite, type ChromiumWithExtension } from '../support/chromium';
import { launchConfigured } from '../support/configured-chromium';
import { docShotArea } from '../support/doc-shots';
import { clickToastButton, readToast, waitForToast } from '../support/toast';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let browser: ChromiumWithExtension;
let page: Page;

const worker = () => browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId))!;

async function tabIdOf(url: string): Promise<number> {
  return worker().evaluate(async (u) => (await (globalThis as any).chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id, url);
}

/** Fires the context menu's click as Chrome would, with the info Chrome gives. */
async function rightClick(info: Record<string, unknown>): Promise<void> {
  const tabId = await tabIdOf(page.url());
  await worker().evaluate(([i, id]) => (globalThis as any).chrome.contextMenus.onClicked.dispatch(i, { id }), [{ pageUrl: page.url(), frameId: 0, ...info }, tabId] as const);
}

/** Waits for the toast's final state and returns it (state and its key or message); `photo` names its README picture. */
async function toastResult(photo?: string): Promise<{ state: string; text: string }> {
  const view = await waitForToast(page, browser.extensionId, ['done', 'failed']);
  if (photo) await docShotArea(page, view.box, photo, 12);
  const text = (view.state === 'done' ? view.key : view.body) ?? '';
  await clickToastButton(page, view, 'Close');
  await expect.poll(() => readToast(page, browser.extensionId)).toBeNull();
  return { state: view.state, text };
}

async function picture(name: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(`${sandbox.origin}/demo/img/${name}.png`)).arrayBuffer());
}

async function expectUploaded(colour: string, photo?: string): Promise<void> {
  const { state, text: key } = await toastResult(photo);
  expect(state, colour).toBe('done');
  const stored = sandbox.images.getByKey(key);
  expect(stored?.bytes.equals(await picture(colour)), colour).toBe(true);
  expect(stored?.metadata.type).toBe('UGC');
}

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ browser } = await launchConfigured(sandbox));
  page = await browser.context.newPage();
  await page.goto(`${sandbox.origin}/demo/sources.html`);
  await page.waitForFunction(() => (document.getElementById('blob') as HTMLImageElement).complete && (document.getElementById('data') as HTMLImageElement).src.startsWith('data:'));
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const src = (id: string) => page.locator(`#${id}`).evaluate((img: HTMLImageElement) => img.currentSrc);

describe('Chromium: right-click "Upload to Glean"', () => {
  it('uploads a plain image, and the toast shows its key', async () => {
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('plain'), mediaType: 'image' });
    await expectUploaded('red', 'toast-done');
  });

  it("keeps the toast out of the page's reach: no root, no key, and Show works once", async () => {
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('plain'), mediaType: 'image' });
    const view = await waitForToast(page, browser.extensionId, ['done']);
    const key = view.key!;
    // What a page script can find: the host, but not its root, nor the key anywhere in the page.
    const seen = await page.evaluate((k) => {
      const host = document.querySelector('glean-images-toast');
      return { host: !!host, root: host?.shadowRoot ?? null, html: document.documentElement.outerHTML.includes(k), text: document.documentElement.innerText.includes(k) };
    }, key);
    expect(seen).toEqual({ host: true, root: null, html: false, text: false });
    const history = browser.context.waitForEvent('page', { predicate: (p) => p.url().includes(`highlight=`) });
    await clickToastButton(page, view, 'Show');
    expect((await history).url()).toContain('view=history');
    await (await history).close();
    const after = await waitForToast(page, browser.extensionId, ['done']);
    expect(after.buttons.find((b) => b.name === 'Show')?.disabled).toBe(true);
    await clickToastButton(page, after, 'Close');
  });

  it('uploads the srcset candidate shown, and the <picture> source shown', async () => {
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('srcset'), mediaType: 'image' });
    await expectUploaded('green');
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('picture'), mediaType: 'image' });
    await expectUploaded('amber');
  });

  it('uploads a data: image and a blob: image (read in the page)', async () => {
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('data'), mediaType: 'image' });
    await expectUploaded('violet');
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('blob'), mediaType: 'image' });
    await expectUploaded('pink');
  });

  it('uploads a lazy-loaded image once it has loaded', async () => {
    await page.locator('#lazy').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => (document.getElementById('lazy') as HTMLImageElement).currentSrc.endsWith('olive.png'));
    await rightClick({ menuItemId: 'glean-upload', srcUrl: await src('lazy'), mediaType: 'image' });
    await expectUploaded('olive');
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('says which site to allow for a cross-origin image without CORS, then uploads it once allowed', async () => {
    const cdn = await src('cdn');
    await rightClick({ menuItemId: 'glean-upload', srcUrl: cdn, mediaType: 'image' });
    const refused = await toastResult('toast-failed');
    expect(refused.state).toBe('failed');
    expect(refused.text).toContain('http://localhost');
    expect(await allowSite(browser, 'http://localhost/*')).toBe(true); // what the person does when asked
    await rightClick({ menuItemId: 'glean-upload', srcUrl: cdn, mediaType: 'image' });
    await expectUploaded('teal');
  });

  it('uploads an image inside an iframe of another site', async () => {
    // The frame's site, allowed here as well: the test must not lean on the one before granting it.
    expect(await allowSite(browser, 'http://localhost/*')).toBe(true);
    const tabId = await tabIdOf(page.url());
    const frame = await worker().evaluate(async (id) => {
      const frames = await (globalThis as any).chrome.scripting.executeScript({ target: { tabId: id, allFrames: true }, func: () => location.href });
      return frames.find((f: { result: string }) => f.result.endsWith('/demo/frame.html'));
    }, tabId);
    const framedSrc = `${sandbox.origin.replace('127.0.0.1', 'localhost')}/demo/img/blue.png`;
    await rightClick({ menuItemId: 'glean-upload', srcUrl: framedSrc, frameId: frame.frameId, frameUrl: frame.result, mediaType: 'image' });
    await expectUploaded('blue');
  });

  it('uploads a CSS background image the person then clicks on, never an invisible one laid over it', async () => {
    await rightClick({ menuItemId: 'glean-upload-background' });
    await waitForToast(page, browser.extensionId, ['info']);
    // The page's attack: an invisible picture over the one shown, and a synthetic Escape.
    const box = (await page.locator('#background').boundingBox())!;
    await page.evaluate(([b, decoy]) => {
      const img = Object.assign(document.createElement('img'), { id: 'decoy', src: decoy });
      img.style.cssText = `position: fixed; left: ${b.x}px; top: ${b.y}px; width: ${b.width}px; height: ${b.height}px; opacity: 0; z-index: 99999`;
      document.body.append(img);
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    }, [box, `${sandbox.origin}/demo/img/red.png`] as const);
    await page.waitForFunction(() => (document.getElementById('decoy') as HTMLImageElement).complete);
    expect(await page.locator('glean-images-picker').count()).toBe(1); // not cancelled
    // The picking layer covers the page, so click where the element is, as a person would.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expectUploaded('navy');
    await page.evaluate(() => document.getElementById('decoy')?.remove());
  });

  it('uploads with a preset type, and asks for "Your user ID" before a profile picture', async () => {
    await rightClick({ menuItemId: 'glean-as-logo', srcUrl: await src('plain'), mediaType: 'image' });
    const { state, text: key } = await toastResult();
    expect(state).toBe('done');
    expect(sandbox.images.getByKey(key)?.metadata).toEqual({ type: 'LOGO', ext: 'png' });
    // alice is "Your user ID" (set by launchConfigured): her picture is replaced.
    await rightClick({ menuItemId: 'glean-as-user', srcUrl: await src('plain'), mediaType: 'image' });
    const profile = await toastResult();
    expect(sandbox.images.getByKey(profile.text)?.metadata).toMatchObject({ type: 'USER', id: 'alice' });
  });
});
