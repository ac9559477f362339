// Screenshots in Firefox ESR, headful under Xvfb so the shortcuts are real key presses (xdotool),
// which grant activeTab as a person's do. Each capture goes through the editor window to the
// sandbox, where the uploaded bytes are decoded and their pixels checked. The whole page is one
// capture of the page's rectangle here (captureVisibleTab with rect and scale).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchConfiguredFirefox } from '../support/configured-firefox';
import { findExtensionPage, type FirefoxWithExtension } from '../support/firefox';
import { button } from '../support/firefox-page';
import { FIREFOX_BUILD } from '../support/paths';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';
import { BAND_COLOURS, COPY_MARKDOWN_PREFS, DECODE_SCRIPT, hex, pickFromContextMenu, pressKeys, typeKeys, typeText, QUARTERS_HTML, startXvfb, TALL_HTML, type Display } from '../support/screenshots';

let sandbox: Sandbox;
let xvfb: Display;
let firefox: FirefoxWithExtension;
let page: Page;
let options: Page;
let view: { width: number; height: number; dpr: number };

beforeAll(async () => {
  sandbox = await startSandbox();
  xvfb = await startXvfb();
  ({ firefox, options } = await launchConfiguredFirefox(sandbox, FIREFOX_BUILD, { headless: false }));
  page = await firefox.browser.newPage();
  await page.goto(`${sandbox.origin}/demo/`);
  await page.setContent(QUARTERS_HTML);
  await page.bringToFront();
  view = await page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight, dpr: window.devicePixelRatio }));
});
afterAll(async () => {
  await firefox?.close();
  await xvfb?.stop();
  await sandbox?.close();
});

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe's serious and critical findings on an extension page. */
async function axeFindings(target: Page): Promise<string[]> {
  await target.evaluate(readFileSync(AXE, 'utf8'));
  return target.evaluate(async () => {
    const result = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Replaces a field's number as a person does: select it all, type, Tab on. */
async function retype(editor: Page, selector: string, value: string): Promise<void> {
  await editor.focus(selector);
  await editor.keyboard.down('Control');
  await editor.keyboard.press('a');
  await editor.keyboard.up('Control');
  await editor.keyboard.type(value);
  await editor.keyboard.press('Tab');
}

const editorUrl = () => `${firefox.baseUrl}screenshot.html`;

async function editorOpen(): Promise<Page> {
  const editor = await findExtensionPage(firefox.browser, editorUrl(), 30_000);
  await editor.waitForSelector('.board img', { timeout: 15_000 });
  return editor;
}

/** Presses Upload in the editor, waits for the key, and returns the stored image decoded. */
async function uploadFrom(editor: Page, points: [number, number][], rect: { x: number; y: number; width: number; height: number } | null = null) {
  await (await button(editor, 'Upload')).click();
  const code = await editor.waitForSelector('.result-key code', { timeout: 30_000 });
  const key = (await code!.evaluate((el) => el.textContent))!;
  const stored = sandbox.images.getByKey(key)!;
  expect(stored.metadata.type).toBe('FEEDBACK');
  const decoded = await page.evaluate(DECODE_SCRIPT, [stored.bytes.toString('base64'), points, rect] as [string, [number, number][], typeof rect]);
  await editor.close();
  return Object.assign(decoded, { key });
}

const centre = (x: number, y: number): [number, number] => [Math.round(x * view.dpr), Math.round(y * view.dpr)];

describe('Firefox: screenshots to Glean', () => {
  it('the page menu "Glean Images > Upload screenshot to Glean > Visible area" captures the tab (its click grants activeTab)', async () => {
    // Firefox groups an extension's entries under its name: G opens that group on its first
    // entry, Down moves to the screenshot entry, Right opens its kinds.
    await pickFromContextMenu(xvfb.display, { x: 150, y: 200 }, ['g', 'Down', 'Right', 'Return']);
    const editor = await editorOpen();
    // Another ID than the shortcut's upload of the same picture below, which would otherwise be
    // offered as the earlier identical upload.
    await editor.focus('#shot-id');
    await editor.keyboard.type('from-menu');
    const { width: w, height: h } = view;
    const decoded = await uploadFrom(editor, [centre(w / 4, h / 4), centre((3 * w) / 4, (3 * h) / 4)]);
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ffff00']);
    expect(sandbox.images.list().some((i) => i.metadata.id === 'from-menu')).toBe(true);
  });

  it('Alt+Shift+Y takes the visible area; the editor sends it as FEEDBACK with the right pixels', async () => {
    await pressKeys(xvfb.display, 'alt+shift+y');
    const { width: w, height: h } = view;
    const decoded = await uploadFrom(await editorOpen(), [centre(w / 4, h / 4), centre((3 * w) / 4, h / 4), centre(w / 4, (3 * h) / 4), centre((3 * w) / 4, (3 * h) / 4)]);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: Math.round(w * view.dpr), height: Math.round(h * view.dpr) });
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#00ff00', '#0000ff', '#ffff00']);
  });

  it('Alt+Shift+G: a region dragged on the page arrives with exactly its pixels, and the overlay leaves nothing behind', async () => {
    await pressKeys(xvfb.display, 'alt+shift+g');
    await page.waitForFunction(() => document.querySelector('glean-images-region') !== null, { timeout: 15_000 });
    expect(await page.evaluate(() => document.querySelector('glean-images-region')!.shadowRoot)).toBeNull();
    // Across the red/green border in the middle: 60 px of red, 40 of green.
    const mid = view.width / 2;
    await page.mouse.move(mid - 60, 40);
    await page.mouse.down();
    await page.mouse.move(mid - 10, 80, { steps: 4 });
    await page.mouse.move(mid + 40, 120, { steps: 4 });
    await page.mouse.up();
    const editor = await editorOpen();
    expect(await page.evaluate(() => document.querySelector('glean-images-region'))).toBeNull();
    const k = view.dpr;
    const decoded = await uploadFrom(editor, [[0, 0], [60 * k - 1, 80 * k - 1], [60 * k, 0], [100 * k - 1, 80 * k - 1]]);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 100 * k, height: 80 * k });
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ff0000', '#00ff00', '#00ff00']);
  });

  it('Esc cancels a region: no editor, and the overlay is gone', async () => {
    await pressKeys(xvfb.display, 'alt+shift+g');
    await page.waitForFunction(() => document.querySelector('glean-images-region') !== null, { timeout: 15_000 });
    await pressKeys(xvfb.display, 'Escape', { x: 150, y: 200 });
    await page.waitForFunction(() => document.querySelector('glean-images-region') === null, { timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 500));
    await expect(findExtensionPage(firefox.browser, editorUrl(), 300)).rejects.toThrow();
  });

  it('a box blacked out in the editor (by keyboard) is uniformly black in the uploaded bytes; the editor passes axe', async () => {
    await pressKeys(xvfb.display, 'alt+shift+y');
    const editor = await editorOpen();
    await (await button(editor, 'Add a box')).click();
    for (const [id, value] of [['#box-0-x', '100'], ['#box-0-y', '50'], ['#box-0-width', '200'], ['#box-0-height', '150']] as const) {
      await retype(editor, id, value);
    }
    expect(await axeFindings(editor)).toEqual([]);
    const decoded = await uploadFrom(editor, [[99, 49], [300, 200]], { x: 100, y: 50, width: 200, height: 150 });
    expect(decoded.inRect).toEqual(['0,0,0']);
    expect(decoded.at.map(hex)).toEqual(['#ff0000', '#ff0000']);
  });

  it('a pixelated box arrives as blocks of one colour each (20 px for a 240 px box: 12 blocks across)', async () => {
    await page.setContent(QUARTERS_HTML + '<p style="position:fixed;left:250px;top:200px;font:40px serif">secret</p>');
    await pressKeys(xvfb.display, 'alt+shift+y');
    const editor = await editorOpen();
    await (await button(editor, 'Add a box')).click();
    await editor.select('#box-0-mode', 'pixelate');
    for (const [id, value] of [['#box-0-x', '250'], ['#box-0-y', '150'], ['#box-0-width', '240'], ['#box-0-height', '240']] as const) {
      await retype(editor, id, value);
    }
    const corners: [number, number][] = [];
    for (let by = 0; by < 12; by++) for (let bx = 0; bx < 12; bx++) for (const [dx, dy] of [[0, 0], [19, 0], [0, 19], [19, 19]]) corners.push([250 + bx * 20 + dx!, 150 + by * 20 + dy!]);
    const decoded = await uploadFrom(editor, corners);
    for (let b = 0; b < 144; b++) expect(new Set(decoded.at.slice(b * 4, b * 4 + 4).map(hex)).size, `block ${b}`).toBe(1);
    expect(new Set(decoded.at.map(hex)).size).toBeGreaterThan(1);
  });

  it('Alt+Shift+O takes a page 5 screens tall: every band once, the sticky header once, the scroll put back', async () => {
    await page.setContent(TALL_HTML);
    await page.evaluate(() => window.scrollTo(0, 1234));
    await pressKeys(xvfb.display, 'alt+shift+o');
    const editor = await editorOpen();
    expect(await page.evaluate(() => window.scrollY)).toBe(1234);
    const k = view.dpr;
    const screen = view.height * k;
    const points: [number, number][] = [[300, 20 * k]];
    BAND_COLOURS.forEach((_, i) => points.push([300, i * screen + screen / 2], [300, i * screen + 40 * k + 1], [300, (i + 1) * screen + 40 * k - 1]));
    const decoded = await uploadFrom(editor, points);
    expect(decoded.height).toBe(Math.round(40 * k + 5 * screen));
    expect(hex(decoded.at[0]!)).toBe('#000000');
    const colours = decoded.at.slice(1).map(hex);
    BAND_COLOURS.forEach((c, i) => expect(colours.slice(i * 3, i * 3 + 3), `band ${i}`).toEqual([c, c, c]));
  });
  it('with "put Markdown on the clipboard", the uploaded screenshot\'s Markdown link pastes into the page', async () => {
    await options.evaluate((prefs) => (globalThis as any).browser.runtime.sendMessage({ type: 'screenshot.preferences.save', payload: prefs }), COPY_MARKDOWN_PREFS);
    await page.setContent(QUARTERS_HTML + '<textarea id="paste" aria-label="paste here"></textarea>');
    await pressKeys(xvfb.display, 'alt+shift+y');
    const editor = await editorOpen();
    await (await button(editor, 'Upload')).click();
    await editor.waitForFunction(() => document.querySelector('p.status')?.textContent?.includes('copied'), { timeout: 30_000 });
    const key = await editor.$eval('.result-key code', (el) => el.textContent ?? '');
    await editor.close();
    await pressKeys(xvfb.display, 'Escape', { x: 150, y: 200 });
    await page.focus('#paste');
    await typeKeys(xvfb.display, 'ctrl+v');
    await page.waitForFunction(() => (document.getElementById('paste') as HTMLTextAreaElement).value !== '', { timeout: 10_000 });
    const pasted = await page.$eval('#paste', (el) => (el as HTMLTextAreaElement).value);
    expect(pasted).toMatch(/^!\[[^\]]+\]\(http[^)]+\)$/);
    expect(pasted).toContain(`key=${key}`);
  });
  it('"capture and upload at once": a region goes straight to the queue with exactly its pixels, no editor', async () => {
    await options.evaluate((prefs) => (globalThis as any).browser.runtime.sendMessage({ type: 'screenshot.preferences.save', payload: prefs }), { ...COPY_MARKDOWN_PREFS, uploadAtOnce: true, autoCopy: 'none' });
    await page.setContent(QUARTERS_HTML);
    const before = new Set(sandbox.images.list().map((i) => i.key));
    await pressKeys(xvfb.display, 'alt+shift+g');
    await page.waitForFunction(() => document.querySelector('glean-images-region') !== null, { timeout: 15_000 });
    const mid = view.width / 2;
    const low = (view.height * 3) / 4;
    await page.mouse.move(mid - 30, low - 25);
    await page.mouse.down();
    await page.mouse.move(mid, low, { steps: 3 });
    await page.mouse.move(mid + 30, low + 25, { steps: 3 });
    await page.mouse.up();
    const deadline = Date.now() + 20_000;
    while (sandbox.images.list().every((i) => before.has(i.key)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const added = sandbox.images.list().filter((i) => !before.has(i.key));
    expect(added).toHaveLength(1);
    expect(added[0]!.metadata.type).toBe('FEEDBACK');
    const k = view.dpr;
    const decoded = await page.evaluate(DECODE_SCRIPT, [added[0]!.bytes.toString('base64'), [[0, 0], [30 * k - 1, 50 * k - 1], [30 * k, 0], [60 * k - 1, 50 * k - 1]], null] as [string, [number, number][], null]);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: 60 * k, height: 50 * k });
    expect(decoded.at.map(hex)).toEqual(['#0000ff', '#0000ff', '#ffff00', '#ffff00']);
    await expect(findExtensionPage(firefox.browser, editorUrl(), 300)).rejects.toThrow();
  });

  it('Copy image puts the edited picture on the clipboard: pasted into the page, it is the capture with its box', async () => {
    // Back to the editor (the test before uploaded at once).
    await options.evaluate((prefs) => (globalThis as any).browser.runtime.sendMessage({ type: 'screenshot.preferences.save', payload: prefs }), { ...COPY_MARKDOWN_PREFS, autoCopy: 'none' });
    await page.setContent(QUARTERS_HTML + '<div id="paste" contenteditable="true" aria-label="paste here" style="position:fixed;left:10px;top:10px;width:200px;height:60px;background:#fff"></div>');
    await pressKeys(xvfb.display, 'alt+shift+y');
    const editor = await editorOpen();
    await (await button(editor, 'Add a box')).click();
    await (await button(editor, 'Copy image')).click();
    await editor.waitForFunction(() => document.querySelector('p.status')?.textContent?.includes('copied'), { timeout: 15_000 });
    await editor.close();
    await pressKeys(xvfb.display, 'Escape', { x: 300, y: 300 });
    await page.focus('#paste');
    await typeKeys(xvfb.display, 'ctrl+v');
    await page.waitForSelector('#paste img', { timeout: 10_000 });
    const pasted = await page.$eval('#paste img', async (el) => {
      const img = el as HTMLImageElement;
      await img.decode();
      const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
      return { width: img.naturalWidth, height: img.naturalHeight, box: px(5, 5), yellow: px(img.naturalWidth - 5, img.naturalHeight - 5) };
    });
    expect({ width: pasted.width, height: pasted.height }).toEqual({ width: Math.round(view.width * view.dpr), height: Math.round(view.height * view.dpr) });
    // "Add a box" puts a black box at the crop's corner (100 x 40).
    expect([pasted.box, pasted.yellow].map(hex)).toEqual(['#000000', '#ffff00']);
  });

  it('a page closed to extensions says why a region cannot be taken there, on the toolbar button', async () => {
    const closed = await firefox.browser.newPage();
    await closed.bringToFront();
    // WebDriver may not open about: pages; a person types the address.
    await pressKeys(xvfb.display, 'ctrl+l');
    await typeText(xvfb.display, 'about:support');
    await typeKeys(xvfb.display, 'Return');
    // A page of the browser's own process: WebDriver cannot even run a script there to check.
    await new Promise((r) => setTimeout(r, 1500));
    await pressKeys(xvfb.display, 'alt+shift+g');
    const badge = () => options.evaluate(async () => {
      const b = (globalThis as any).browser;
      // The tab shown: the extension may not read a browser page's address.
      const [tab] = await b.tabs.query({ active: true, lastFocusedWindow: true });
      if (!tab) return { text: '', title: '' };
      return { text: await b.action.getBadgeText({ tabId: tab.id }), title: await b.action.getTitle({ tabId: tab.id }) };
    });
    const deadline = Date.now() + 15_000;
    while ((await badge()).text !== '!' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const shown = await badge();
    expect(shown.text).toBe('!');
    expect(shown.title).toContain('closed to extensions');
    await closed.close();
  });
});
