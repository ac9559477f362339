// Screenshots in Chromium, headful under Xvfb so the shortcuts are real key presses (xdotool):
// the press grants activeTab, as a person's does. Each capture goes through the editor window to
// the sandbox, where the uploaded bytes are decoded and their pixels checked.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumWithExtension } from '../support/chromium';
import { launchConfigured } from '../support/configured-chromium';
import { axeFindings } from '../support/axe';
import { docShot } from '../support/doc-shots';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';
import { BAND_COLOURS, COPY_MARKDOWN_PREFS, DECODE_SCRIPT, focusedWindow, hex, pickFromContextMenu, pressKeys, typeKeys, QUARTERS_HTML, startXvfb, TALL_HTML, type Decoded, type Display } from '../support/screenshots';

let sandbox: Sandbox;
let xvfb: Display;
let browser: ChromiumWithExtension;
let page: Page;
let options: Page;

beforeAll(async () => {
  sandbox = await startSandbox();
  xvfb = await startXvfb();
  ({ browser, options } = await launchConfigured(sandbox, { headless: false }));
  // The toolbar button pinned, as a person pins it (the puzzle menu), for the popup's test.
  const extensions = await browser.context.newPage();
  await extensions.goto('chrome://extensions');
  await extensions.evaluate((id) => (globalThis as any).chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, pinnedToToolbar: true }), browser.extensionId);
  await extensions.close();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.goto(`${sandbox.origin}/demo/`);
  await page.setContent(QUARTERS_HTML);
  await page.bringToFront();
});
afterAll(async () => {
  await browser?.close();
  await xvfb?.stop();
  await sandbox?.close();
});

/** Presses a shortcut in the page and returns the editor window it opens. */
async function shortcutToEditor(keys: string, during?: () => Promise<void>): Promise<Page> {
  const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/screenshot.html'), timeout: 30_000 });
  await pressKeys(xvfb.display, keys);
  await during?.();
  const editor = await opened;
  await editor.waitForSelector('.board img');
  return editor;
}

/** Presses Upload in the editor, waits for the key, and returns the stored image decoded. */
async function uploadFrom(editor: Page, points: [number, number][], rect: { x: number; y: number; width: number; height: number } | null = null) {
  await editor.getByRole('button', { name: 'Upload', exact: true }).click();
  const key = (await editor.locator('.result-key code').textContent({ timeout: 30_000 }))!;
  const stored = sandbox.images.getByKey(key)!;
  expect(stored.metadata.type).toBe('FEEDBACK');
  const decoded = await page.evaluate(DECODE_SCRIPT, [stored.bytes.toString('base64'), points, rect] as [string, [number, number][], typeof rect]);
  return { editor, stored, decoded };
}

const dpr = () => page.evaluate(() => window.devicePixelRatio);

describe('Chromium: screenshots to Glean', () => {
  it('the page menu "Glean Images > Upload screenshot to Glean > Visible area" captures the tab (its click grants activeTab)', async () => {
    const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/screenshot.html'), timeout: 30_000 });
    // Chromium groups an extension's entries under its name: G opens that group, then the
    // second entry's submenu, and its first entry.
    await pickFromContextMenu(xvfb.display, { x: 400, y: 300 }, ['g', 'Right', 'Down', 'Right', 'Return']);
    const editor = await opened;
    await editor.waitForSelector('.board img');
    // Another ID than the shortcut's upload of the same picture below, which would otherwise be
    // offered as the earlier identical upload.
    await editor.locator('#shot-id').fill('from-menu');
    const k = await dpr();
    const { decoded, stored } = await uploadFrom(editor, [[250 * k, 175 * k], [750 * k, 525 * k]]);
    expect(stored.metadata.id).toBe('from-menu');
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 1000 * k, height: 700 * k });
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ffff00']);
    await editor.close();
  });

  it("the popup's Visible area button (toolbar button clicked, then the keyboard) captures the tab", async () => {
    await page.setContent(QUARTERS_HTML + '<p style="position:fixed;left:40px;top:40px">from the popup</p>');
    await page.bringToFront();
    await pressKeys(xvfb.display, 'shift'); // a click on the page: its window takes the keyboard
    // Chromium's toolbar, right to left: menu, profile, extensions (puzzle), then the pinned button.
    const win = await focusedWindow(xvfb.display);
    const at = { x: win.x + win.width - 150, y: win.y + 62 };
    const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/screenshot.html'), timeout: 30_000 });
    await pickFromContextMenu(xvfb.display, at, [], '1');
    await new Promise((r) => setTimeout(r, 1000));
    // In the popup: Settings, the site switch, then the first Screenshot button.
    for (const key of ['Tab', 'Tab', 'Tab', 'Return']) {
      await typeKeys(xvfb.display, key);
      await new Promise((r) => setTimeout(r, 250));
    }
    const editor = await opened.catch(async (e: unknown) => {
      await typeKeys(xvfb.display, 'Escape'); // the popup, if it is still open, must not keep the keyboard
      throw e;
    });
    await editor.waitForSelector('.board img');
    const k = await dpr();
    const { decoded } = await uploadFrom(editor, [[250 * k, 175 * k], [750 * k, 525 * k]]);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 1000 * k, height: 700 * k });
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ffff00']);
    await editor.close();
    await page.setContent(QUARTERS_HTML);
  });

  it('Alt+Shift+Y takes the visible area; the editor sends it as FEEDBACK with the right pixels', async () => {
    const editor = await shortcutToEditor('alt+shift+y');
    const k = await dpr();
    const { decoded } = await uploadFrom(editor, [[250 * k, 175 * k], [750 * k, 175 * k], [250 * k, 525 * k], [750 * k, 525 * k]]);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 1000 * k, height: 700 * k });
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#00ff00', '#0000ff', '#ffff00']);
    await editor.close();
  });

  it('Alt+Shift+G: a region dragged on the page arrives with exactly its pixels, and the overlay leaves nothing behind', async () => {
    const editor = await shortcutToEditor('alt+shift+g', async () => {
      await page.waitForFunction(() => document.querySelector('glean-images-region') !== null);
      // The page can see the host, not into it.
      expect(await page.evaluate(() => document.querySelector('glean-images-region')!.shadowRoot)).toBeNull();
      // Across the red/green border at x = 500: 60 px of red, 40 of green.
      await page.mouse.move(440, 200);
      await page.mouse.down();
      await page.mouse.move(500, 230, { steps: 4 });
      await page.mouse.move(540, 280, { steps: 4 });
      await page.mouse.up();
    });
    expect(await page.evaluate(() => document.querySelector('glean-images-region'))).toBeNull();
    const k = await dpr();
    const { decoded } = await uploadFrom(editor, [[0, 0], [60 * k - 1, 80 * k - 1], [60 * k, 0], [100 * k - 1, 80 * k - 1]]);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 100 * k, height: 80 * k });
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ff0000', '#00ff00', '#00ff00']);
    await editor.close();
  });

  it('Esc cancels a region: no editor, and the overlay is gone', async () => {
    await pressKeys(xvfb.display, 'alt+shift+g');
    await page.waitForFunction(() => document.querySelector('glean-images-region') !== null);
    // A click without a drag selects nothing (the layer stays); it gives the page the keyboard.
    await page.mouse.click(20, 20);
    await pressKeys(xvfb.display, 'Escape', { x: 20, y: 20 });
    await page.waitForFunction(() => document.querySelector('glean-images-region') === null);
    await new Promise((r) => setTimeout(r, 500));
    expect(browser.context.pages().some((p) => p.url().includes('/screenshot.html'))).toBe(false);
  });

  it('a region at 150 % zoom arrives with the pixels under the drag (device pixels = CSS pixels x 1.5)', async () => {
    const worker = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId))!;
    const setZoom = (factor: number) => worker.evaluate(async ([url, f]) => {
      const c = (globalThis as any).chrome;
      const tab = (await c.tabs.query({})).find((t: { url?: string }) => t.url === url);
      await c.tabs.setZoom(tab.id, f);
    }, [page.url(), factor] as const);
    await setZoom(1.5);
    await page.waitForFunction(() => window.devicePixelRatio === 1.5);
    // Where the drag really went, in the page's CSS pixels: the layer's pointer events reach the window.
    await page.evaluate(() => {
      const w = window as unknown as { drag: number[] };
      w.drag = [];
      addEventListener('pointerdown', (e) => w.drag.push(e.clientX, e.clientY), true);
      addEventListener('pointerup', (e) => w.drag.push(e.clientX, e.clientY), true);
    });
    const editor = await shortcutToEditor('alt+shift+g', async () => {
      await page.waitForFunction(() => document.querySelector('glean-images-region') !== null);
      await page.mouse.move(250, 100);
      await page.mouse.down();
      await page.mouse.move(330, 140, { steps: 4 });
      await page.mouse.move(400, 180, { steps: 4 });
      await page.mouse.up();
    });
    // The last press and release: the first ones are the click that gave the page the keyboard.
    const [x1, y1, x2, y2] = await page.evaluate(() => (window as unknown as { drag: number[] }).drag.slice(-4));
    const border = await page.evaluate(() => window.innerWidth / 2); // red | green, in CSS pixels
    await setZoom(1);
    const k = 1.5;
    const left = Math.round(x1! * k);
    const redUntil = Math.round(border * k) - left; // first green column in the picture
    const { decoded } = await uploadFrom(editor, [[0, 0], [redUntil - 2, 10], [redUntil + 1, 10]]);
    expect(Math.abs(decoded.width - (x2! - x1!) * k)).toBeLessThanOrEqual(1);
    expect(Math.abs(decoded.height - (y2! - y1!) * k)).toBeLessThanOrEqual(1);
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ff0000', '#00ff00']);
    await editor.close();
  });

  it('a box blacked out in the editor (by keyboard) is uniformly black in the uploaded bytes; the editor passes axe', async () => {
    const editor = await shortcutToEditor('alt+shift+y');
    await editor.getByRole('button', { name: 'Add a box' }).click();
    for (const [id, value] of [['#box-0-x', '300'], ['#box-0-y', '100'], ['#box-0-width', '400'], ['#box-0-height', '300']] as const) {
      await editor.locator(id).fill(value);
      await editor.locator(id).press('Tab');
    }
    await docShot(editor, 'screenshot-editor');
    expect(await axeFindings(editor, 'screenshot editor')).toEqual([]);
    const { decoded } = await uploadFrom(editor, [[299, 99], [700, 400]], { x: 300, y: 100, width: 400, height: 300 });
    expect(decoded.inRect).toEqual(['0,0,0']);
    // Only the box: its neighbours keep their colours.
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ffff00']);
    await editor.close();
  });

  it('a pixelated box arrives as blocks of one colour each (20 px for a 240 px box: 12 blocks across)', async () => {
    await page.setContent(QUARTERS_HTML + '<p style="position:fixed;left:400px;top:300px;font:40px serif">secret</p>');
    const editor = await shortcutToEditor('alt+shift+y');
    await editor.getByRole('button', { name: 'Add a box' }).click();
    await editor.locator('#box-0-mode').selectOption('pixelate');
    for (const [id, value] of [['#box-0-x', '390'], ['#box-0-y', '230'], ['#box-0-width', '240'], ['#box-0-height', '240']] as const) {
      await editor.locator(id).fill(value);
      await editor.locator(id).press('Tab');
    }
    const corners: [number, number][] = [];
    for (let by = 0; by < 12; by++) for (let bx = 0; bx < 12; bx++) for (const [dx, dy] of [[0, 0], [19, 0], [0, 19], [19, 19]]) corners.push([390 + bx * 20 + dx!, 230 + by * 20 + dy!]);
    const { decoded } = await uploadFrom(editor, corners, { x: 390, y: 230, width: 240, height: 240 });
    for (let b = 0; b < 144; b++) expect(new Set(decoded.at.slice(b * 4, b * 4 + 4).map(hex)).size, `block ${b}`).toBe(1);
    expect(new Set(decoded.at.map(hex)).size).toBeGreaterThan(1);
    await editor.close();
  });

  it('Alt+Shift+O takes a page 5 screens tall: every band once, the sticky header once, the scroll put back', async () => {
    await page.setContent(TALL_HTML);
    await page.evaluate(() => window.scrollTo(0, 1234));
    const editor = await shortcutToEditor('alt+shift+o');
    expect(await page.evaluate(() => window.scrollY)).toBe(1234);
    const k = await dpr();
    const screen = 700 * k;
    // The header (40 px, black) on top, then each band's middle, and the rows around each border.
    const points: [number, number][] = [[500, 20 * k]];
    BAND_COLOURS.forEach((_, i) => points.push([500, i * screen + screen / 2], [500, i * screen + 40 * k + 1], [500, (i + 1) * screen + 40 * k - 1]));
    const { decoded } = await uploadFrom(editor, points);
    expect(decoded.height).toBe(40 * k + 5 * screen);
    expect(hex(decoded.at[0]!)).toBe('#000000');
    const colours = decoded.at.slice(1).map(hex);
    BAND_COLOURS.forEach((c, i) => expect(colours.slice(i * 3, i * 3 + 3), `band ${i}`).toEqual([c, c, c]));
    await editor.close();
  });

  it('with "put Markdown on the clipboard", the uploaded screenshot\'s Markdown link pastes into the page', async () => {
    await options.evaluate((prefs) => (globalThis as any).chrome.runtime.sendMessage({ type: 'screenshot.preferences.save', payload: prefs }), COPY_MARKDOWN_PREFS);
    await page.setContent(QUARTERS_HTML + '<textarea id="paste" aria-label="paste here"></textarea>');
    const editor = await shortcutToEditor('alt+shift+y');
    const { stored } = await uploadFrom(editor, []);
    await editor.locator('p.status', { hasText: 'copied' }).waitFor();
    const url = `key=${stored.key}`;
    await editor.close();
    await pressKeys(xvfb.display, 'Escape');
    await page.focus('#paste');
    await typeKeys(xvfb.display, 'ctrl+v');
    await expect.poll(() => page.locator('#paste').inputValue()).toMatch(/^!\[[^\]]+\]\(http[^)]+\)$/);
    expect(await page.locator('#paste').inputValue()).toContain(url);
  });
  it('"capture and upload at once": a region goes straight to the queue with exactly its pixels, no editor', async () => {
    await options.evaluate((prefs) => (globalThis as any).chrome.runtime.sendMessage({ type: 'screenshot.preferences.save', payload: prefs }), { ...COPY_MARKDOWN_PREFS, uploadAtOnce: true, autoCopy: 'none' });
    await page.setContent(QUARTERS_HTML);
    const before = new Set(sandbox.images.list().map((i) => i.key));
    await pressKeys(xvfb.display, 'alt+shift+g');
    await page.waitForFunction(() => document.querySelector('glean-images-region') !== null);
    await page.mouse.move(470, 400);
    await page.mouse.down();
    await page.mouse.move(500, 420, { steps: 3 });
    await page.mouse.move(530, 450, { steps: 3 });
    await page.mouse.up();
    await expect.poll(() => sandbox.images.list().filter((i) => !before.has(i.key)).length, { timeout: 20_000 }).toBe(1);
    const stored = sandbox.images.list().find((i) => !before.has(i.key))!;
    expect(stored.metadata.type).toBe('FEEDBACK');
    const k = await dpr();
    const decoded = await page.evaluate(DECODE_SCRIPT, [stored.bytes.toString('base64'), [[0, 0], [30 * k - 1, 50 * k - 1], [30 * k, 0], [60 * k - 1, 50 * k - 1]], null] as [string, [number, number][], null]);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 60 * k, height: 50 * k });
    expect(decoded.at.map(hex)).toEqual(['#0000ff', '#0000ff', '#ffff00', '#ffff00']);
    expect(browser.context.pages().some((p) => p.url().includes('/screenshot.html'))).toBe(false);
  });

  it('Copy image puts the edited picture on the clipboard: pasted into the page, it is the capture with its box', async () => {
    // Back to the editor (the test before uploaded at once).
    await options.evaluate((prefs) => (globalThis as any).chrome.runtime.sendMessage({ type: 'screenshot.preferences.save', payload: prefs }), { ...COPY_MARKDOWN_PREFS, autoCopy: 'none' });
    await page.setContent(QUARTERS_HTML + '<div id="paste" contenteditable="true" aria-label="paste here" style="position:fixed;left:10px;top:10px;width:200px;height:60px;background:#fff"></div>');
    const editor = await shortcutToEditor('alt+shift+y');
    await editor.getByRole('button', { name: 'Add a box' }).click();
    await editor.getByRole('button', { name: 'Copy image' }).click();
    await editor.locator('p.status', { hasText: 'copied' }).waitFor();
    await editor.close();
    await pressKeys(xvfb.display, 'Escape');
    await page.focus('#paste');
    await typeKeys(xvfb.display, 'ctrl+v');
    const img = page.locator('#paste img');
    await img.waitFor({ timeout: 10_000 });
    const pasted = await img.evaluate(async (el: HTMLImageElement) => {
      await el.decode();
      const canvas = new OffscreenCanvas(el.naturalWidth, el.naturalHeight);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(el, 0, 0);
      const px = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
      return { width: el.naturalWidth, height: el.naturalHeight, box: px(5, 5), red: px(200, 100), yellow: px(900, 600) };
    });
    const k = await dpr();
    expect({ width: pasted.width, height: pasted.height }).toEqual({ width: 1000 * k, height: 700 * k });
    // "Add a box" puts a black box at the crop's corner (100 x 40).
    expect([pasted.box, pasted.red, pasted.yellow].map(hex)).toEqual(['#000000', '#ff0000', '#ffff00']);
  });

  it('a page closed to extensions says why a region cannot be taken there, on the toolbar button', async () => {
    const closed = await browser.context.newPage();
    await closed.goto('chrome://version');
    await closed.bringToFront();
    await pressKeys(xvfb.display, 'alt+shift+g');
    const worker = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId))!;
    const badge = () => worker.evaluate(async () => {
      const c = (globalThis as any).chrome;
      // The extension may not even read a browser page's address: it is the one tab without one.
      const tab = (await c.tabs.query({})).find((t: { url?: string }) => t.url === undefined);
      if (!tab) return { text: '', title: '' };
      return { text: await c.action.getBadgeText({ tabId: tab.id }), title: await c.action.getTitle({ tabId: tab.id }) };
    });
    await expect.poll(async () => (await badge()).text, { timeout: 15_000 }).toBe('!');
    expect((await badge()).title).toContain('closed to extensions');
    await closed.close();
  });
});
