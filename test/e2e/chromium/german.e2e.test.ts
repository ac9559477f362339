// The extension in a Chromium whose language is German (Debian's chromium-l10n): the options page,
// the popup, the background's own messages and the page toast all come from _locales/de, and no
// English sentence is left on them. The expected words are read from the locale files.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessage, readLocale } from '../../unit/i18n/locale';
import { axeFindings } from '../support/axe';
import { launchChromiumWithExtension, openExtensionPage, type ChromiumWithExtension } from '../support/chromium';
import { docShot } from '../support/doc-shots';
import { clickAndReadStatus, firstRunOptionsPage } from '../support/options-page';
import { CHROME_BUILD } from '../support/paths';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';
import { waitForToast } from '../support/toast';

const de = readLocale('de');
const en = readLocale('en');
const german = (key: string, ...subs: string[]) => formatMessage(de[key]!.message, subs);

// English sentences (two words or more) whose German differs: none may show on a German page.
const englishOnly = Object.keys(en)
  .filter((k) => !/\$/.test(en[k]!.message) && /\S+\s+\S+/.test(en[k]!.message) && en[k]!.message !== de[k]!.message)
  .map((k) => en[k]!.message);

let sandbox: Sandbox;
let browser: ChromiumWithExtension;
let options: Page;

/** The English sentences on the page, if any. */
function englishOn(page: Page): Promise<string[]> {
  return page.evaluate((sentences) => sentences.filter((s) => document.body.innerText.includes(s)), englishOnly);
}

beforeAll(async () => {
  sandbox = await startSandbox();
  browser = await launchChromiumWithExtension(CHROME_BUILD, { lang: 'de' });
  options = await firstRunOptionsPage(browser.context, browser.extensionId);
  await browser.grantHost('http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('Chromium in German', () => {
  it('shows the options page in German, with the background\'s answers in German too', async () => {
    expect(await options.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['de', german('page_optionsTitle')]);
    await options.getByLabel(german('options_backendLabel')).fill(sandbox.origin);
    await options.getByRole('radio', { name: german('options_apiToken') }).click();
    await options.getByLabel(german('options_apiToken')).fill('not-the-right-token');
    // Worded by the background from the sandbox's 401.
    expect(await clickAndReadStatus(options, german('options_testConnection'))).toBe(german('bg_tokenRefused'));

    await options.getByLabel(german('options_apiToken')).fill(sandbox.tokens.user);
    await options.getByLabel(german('options_userIdLabel')).fill('alice');
    expect(await clickAndReadStatus(options, german('common_save'))).toBe(german('options_saved'));
    expect(await englishOn(options)).toEqual([]);
    // Longer German words must not break the layout's contrast or names.
    expect(await axeFindings(options, 'options page in German')).toEqual([]);
  });

  it('shows the popup in German', async () => {
    const popup = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
    const tabs = popup.getByRole('tab');
    await tabs.first().waitFor();
    expect(await tabs.allTextContents()).toEqual(['popup_upload', 'popup_lookUp', 'popup_thisPage', 'popup_history'].map((k) => german(k)));
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe('de');
    await tabs.nth(1).click();
    await popup.getByRole('button', { name: german('popup_lookUp'), exact: true }).click();
    await popup.getByRole('img', { name: /alice/ }).waitFor();
    expect(await englishOn(popup)).toEqual([]);
    expect(await axeFindings(popup, 'popup in German')).toEqual([]);
    await popup.setViewportSize({ width: 400, height: 600 });
    await docShot(popup, 'popup-german');
    await popup.close();
  });

  it('uploads from a right-click with the toast in German', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${sandbox.origin}/demo/sources.html`);
    const srcUrl = await page.locator('#plain').evaluate((img: HTMLImageElement) => img.currentSrc);
    const worker = browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId))!;
    await worker.evaluate(
      async ([info, url]) => {
        const chrome = (globalThis as any).chrome;
        const tab = (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === url);
        chrome.contextMenus.onClicked.dispatch(info, { id: tab.id });
      },
      [{ menuItemId: 'glean-upload', srcUrl, pageUrl: page.url(), frameId: 0, mediaType: 'image' }, page.url()] as const,
    );
    const toast = await waitForToast(page, browser.extensionId, ['done']);
    expect(toast.title).toBe(german('toast_uploaded'));
    // The page is English; the toast says it is German, for screen readers.
    expect(toast.lang).toBe('de');
    expect(toast.buttons.map((b) => b.name)).toEqual(
      expect.arrayContaining([german('common_copyKey'), german('common_copyUrl'), german('common_copyMarkdown'), german('toast_show')]),
    );
    await page.close();
  });
});
