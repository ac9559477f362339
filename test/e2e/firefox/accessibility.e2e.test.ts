// Firefox ESR, with the Chromium file's assertions: the in-page toast passes axe in every state
// and Esc closes it, and an upload can be done with the keyboard (all but the file dialog itself).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fireMenuClick, launchConfiguredFirefox, openExtensionTab } from '../support/configured-firefox';
import type { FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_E2E_BUILD } from '../support/paths';
import { solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ firefox, options } = await launchConfiguredFirefox(sandbox, FIREFOX_E2E_BUILD));
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

/** The toast's closed root, copied by the extension's content-script world into an open one in the page. */
function copyToast(pageUrl: string, kind: string): Promise<boolean> {
  return options.evaluate(async (url, k) => {
    const b = (globalThis as any).browser;
    const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === url);
    const [injection] = await b.scripting.executeScript({
      target: { tabId: tab.id, frameIds: [0] },
      args: [k],
      func: (state: string) => {
        const m = (globalThis as any).__gleanImagesToast;
        if (!m?.root.querySelector(`.toast[data-state="${state}"]`)) return false;
        const host = document.createElement('glean-toast-copy');
        host.attachShadow({ mode: 'open' }).append(...[...m.root.childNodes].map((n: Node) => n.cloneNode(true)));
        document.documentElement.append(host);
        return true;
      },
    });
    return injection.result as boolean;
  }, pageUrl, kind);
}

/** Fires the right-click listener through the e2e build's port (right-click.e2e.test.ts). */
function menuClick(page: Page, info: Record<string, unknown>): Promise<unknown> {
  return fireMenuClick(options, page.url(), info);
}

/** Focuses the toast's first button, from the extension's side (a person would Tab to it). */
function focusToast(pageUrl: string): Promise<unknown> {
  return options.evaluate(async (url) => {
    const b = (globalThis as any).browser;
    const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === url);
    await b.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, func: () => (globalThis as any).__gleanImagesToast.root.querySelector('button').focus() });
  }, pageUrl);
}

describe('Firefox: accessibility', () => {
  it('the in-page toast has no serious or critical findings in any state, and Esc closes it', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${sandbox.origin}/demo/sources.html`);
    await page.evaluate(readFileSync(AXE, 'utf8'));
    const src = (id: string) => page.$eval(`#${id}`, (img) => (img as HTMLImageElement).currentSrc);
    // Each state from a real flow (Chromium's test sends the states from its service worker;
    // Firefox's page part answers only the background, which a test reaches through the menu).
    const flows: [string, () => Promise<unknown>][] = [
      ['progress', async () => { sandbox.knobs.latencyMs = 3000; await menuClick(page, { menuItemId: 'glean-upload', srcUrl: await src('plain'), mediaType: 'image' }); }],
      ['done', async () => { sandbox.knobs.latencyMs = 0; }], // the same upload, once Glean answers
      ['failed', async () => menuClick(page, { menuItemId: 'glean-upload', srcUrl: await src('cdn'), mediaType: 'image' })],
      ['info', async () => menuClick(page, { menuItemId: 'glean-upload-background' })],
    ];
    const found: string[] = [];
    for (const [kind, start] of flows) {
      await start();
      // axe cannot enter the closed root from the page, and a content-script world may not eval
      // it: the extension's world copies the toast's tree (its styles included) into an open root
      // in the page, which axe then checks. The copy is removed afterwards.
      await expect.poll(() => copyToast(page.url(), kind), { timeout: 25_000 }).toBe(true);
      const violations = await page.evaluate(async () => {
        const result = await (globalThis as any).axe.run({ include: [['glean-toast-copy']] }, { resultTypes: ['violations'] });
        document.querySelector('glean-toast-copy')!.remove();
        return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      found.push(...violations.map((v) => `toast ${kind}: ${v}`));
    }
    expect(found).toEqual([]);
    // Keyboard: the toast's buttons are reachable, and Esc (a real key press) closes it.
    await focusToast(page.url());
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('glean-images-toast').length)).toBe(0);
    await page.close();
  });

  it('uploads a file with the keyboard alone, but for the file dialog', async () => {
    const popup = await openExtensionTab(firefox, options, 'popup.html');
    await popup.setViewport({ width: 400, height: 640 });
    await popup.waitForSelector('[role="tab"]');
    const focused = () => popup.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return `${el?.tagName} ${el?.getAttribute('aria-label') ?? ''} ${el?.id ?? ''} ${el?.textContent?.trim().slice(0, 30) ?? ''}`;
    });
    /** Presses Tab until the focused element matches, as a keyboard user would. */
    async function tabTo(pattern: RegExp): Promise<void> {
      for (let i = 0; i < 40; i++) {
        await popup.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      throw new Error(`Could not reach ${pattern} with Tab; stuck at ${await focused()}`);
    }
    const png = solidPng(30, 20, [12, 140, 90, 255]);
    const path = `${process.env.TMPDIR ?? '/tmp'}/keyboard.png`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(path, png);
    try {
      await tabTo(/^BUTTON\b.*Choose images/);
      // Enter there opens the browser's own file dialog, which puppeteer cannot answer over BiDi
      // (its file-chooser interception needs CDP): the file goes in as the dialog would put it.
      await (await popup.$('input[type="file"]'))!.uploadFile(path);
      await popup.waitForFunction(() => document.body.innerText.includes('keyboard.png'), { polling: 100 });
      await tabTo(/^SELECT .*\bType\b|^SELECT /);
      await popup.keyboard.press('End'); // the last type in the list
      await tabTo(/^INPUT .*ID/i);
      await popup.keyboard.type('kb-1');
      await tabTo(/^BUTTON\s+\S*\s*Upload$/);
      await popup.keyboard.press('Enter');
      await popup.waitForFunction(() => document.body.innerText.includes('Uploaded.'), { polling: 100, timeout: 15_000 });
      const stored = sandbox.images.list().find((i) => i.metadata.id === 'kb-1');
      expect(stored?.bytes.equals(png)).toBe(true);
      expect(stored?.metadata.type).toBe('USER');
    } finally {
      rmSync(path, { force: true });
      await popup.close();
    }
  });
});
