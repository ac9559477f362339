// The extension in a Firefox ESR whose language is German (Debian's firefox-esr-l10n-de, the
// language pack, which scripts/install-browsers.sh installs), with the Chromium file's assertions:
// the options page, the popup, the background's own messages and the page toast all come from
// _locales/de, no English sentence is left on them, and axe finds nothing. The expected words
// are read from the locale files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, readLocale } from '../../unit/i18n/locale';
import { fireMenuClick, openExtensionTab } from '../support/configured-firefox';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { byLabel, button, clickAndReadStatus, fill } from '../support/firefox-page';
import { FIREFOX_E2E_BUILD } from '../support/paths';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const de = readLocale('de');
const en = readLocale('en');
const german = (key: string, ...subs: string[]) => formatMessage(de[key]!.message, subs);

// English sentences (two words or more) whose German differs: none may show on a German page.
const englishOnly = Object.keys(en)
  .filter((k) => !/\$/.test(en[k]!.message) && /\S+\s+\S+/.test(en[k]!.message) && en[k]!.message !== de[k]!.message)
  .map((k) => en[k]!.message);

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;

function englishOn(page: Page): Promise<string[]> {
  return page.evaluate((sentences) => sentences.filter((s) => document.body.innerText.includes(s)), englishOnly);
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

beforeAll(async () => {
  sandbox = await startSandbox();
  // Firefox's own language: German, from the system language pack.
  firefox = await launchFirefoxWithExtension(FIREFOX_E2E_BUILD, { prefs: { 'intl.locale.requested': 'de', 'intl.accept_languages': 'de' } });
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

describe('Firefox in German', () => {
  it("shows the options page in German, with the background's answers in German too", async () => {
    expect(await options.evaluate(() => (globalThis as any).browser.i18n.getUILanguage())).toMatch(/^de/);
    expect(await options.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['de', german('page_optionsTitle')]);
    await fill(await byLabel(options, german('options_backendLabel')), sandbox.origin);
    // A fresh install starts on signing in with Glean: choose the API token.
    await options.locator('button[data-method="token"]').click();
    await fill(await byLabel(options, german('options_apiToken')), 'not-the-right-token');
    // Worded by the background from the sandbox's 401.
    expect(await clickAndReadStatus(options, german('options_testConnection'))).toBe(german('bg_tokenRefused'));
    await fill(await byLabel(options, german('options_apiToken')), sandbox.tokens.user);
    await fill(await byLabel(options, german('options_userIdLabel')), 'alice');
    expect(await clickAndReadStatus(options, german('common_save'))).toBe(german('options_saved'));
    expect(await englishOn(options)).toEqual([]);
    // Longer German words must not break the layout's contrast or names.
    expect(await axe(options)).toEqual([]);
  });

  it('shows the popup in German', async () => {
    const popup = await openExtensionTab(firefox, options, 'popup.html');
    await popup.setViewport({ width: 400, height: 600 });
    await popup.waitForSelector('[role="tab"]');
    expect(await popup.$$eval('[role="tab"]', (tabs) => tabs.map((t) => t.textContent))).toEqual(['popup_upload', 'popup_lookUp', 'popup_thisPage', 'popup_history'].map((k) => german(k)));
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    await (await popup.$$('[role="tab"]'))[1]!.click();
    await (await button(popup, german('popup_lookUp'), '[role="tabpanel"]:not([hidden])')).click();
    await popup.waitForFunction(() => [...document.images].some((i) => i.alt.includes('alice') && i.complete && i.naturalWidth > 0), { polling: 100, timeout: 15_000 });
    expect(await englishOn(popup)).toEqual([]);
    expect(await axe(popup)).toEqual([]);
    await popup.close();
  });

  it('uploads from a right-click with the toast in German', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${sandbox.origin}/demo/sources.html`);
    const srcUrl = await page.$eval('#plain', (img) => (img as HTMLImageElement).currentSrc);
    // The right-click listener, fired through the e2e build's port (right-click.e2e.test.ts).
    await fireMenuClick(options, page.url(), { menuItemId: 'glean-upload', srcUrl, mediaType: 'image' });
    // The toast's closed root, read in the extension's own content-script world.
    const readToast = () => options.evaluate(async (pageUrl) => {
      const b = (globalThis as any).browser;
      const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
      const [injection] = await b.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [0] },
        func: () => {
          const box = (globalThis as any).__gleanImagesToast?.root.querySelector('.toast[data-state="done"]');
          return box ? { title: box.querySelector('.title')?.textContent, lang: box.lang, buttons: [...box.querySelectorAll('button')].map((x: HTMLButtonElement) => x.textContent) } : null;
        },
      });
      return injection.result as { title: string; lang: string; buttons: string[] } | null;
    }, page.url());
    await expect.poll(readToast, { timeout: 15_000 }).not.toBeNull();
    const toast = (await readToast())!;
    expect(toast.title).toBe(german('toast_uploaded'));
    // The page is English; the toast says it is German, for screen readers.
    expect(toast.lang).toBe('de');
    expect(toast.buttons).toEqual(expect.arrayContaining([german('common_copyKey'), german('common_copyUrl'), german('common_copyMarkdown'), german('toast_show')]));
    await page.close();
  });
});
