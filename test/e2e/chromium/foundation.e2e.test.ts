// The extension's three zones talking for real in Chromium: the background starts, an extension
// page gets answers, and a content script on an enabled site gets images through the background.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, openExtensionPage, type ChromiumWithExtension } from '../support/chromium';
import { clickAndReadStatus, fillOptions, firstRunOptionsPage, sendFromPage } from '../support/options-page';
import { CHROME_BUILD } from '../support/paths';
import { apiRequests, demoUrl, keysServed, startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let browser: ChromiumWithExtension;

beforeAll(async () => {
  sandbox = await startSandbox();
  browser = await launchChromiumWithExtension(CHROME_BUILD);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe('Chromium: foundation', () => {
  it('starts the background service worker and opens the options page on first run', async () => {
    expect(browser.worker.url()).toBe(`chrome-extension://${browser.extensionId}/background.js`);
    const firstRun = await firstRunOptionsPage(browser.context, browser.extensionId);
    await expect(firstRun.getByRole('heading', { name: 'Glean Images settings' }).textContent()).resolves.toBe('Glean Images settings');
    await firstRun.close();
  });

  it('answers an extension page through the checked router', async () => {
    const page = await openExtensionPage(browser.context, browser.extensionId, 'options.html');
    const settings = await sendFromPage(page, 'settings.get', null);
    expect(settings).toEqual({ ok: true, value: expect.objectContaining({ hasToken: false, apiBase: '' }) });
    const refused = await sendFromPage(page, 'settings.get', { extra: true });
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ kind: 'refused' }) });
    await page.close();
  });

  it('runs the content script on an enabled site, which shows keyed Glean images via the background', async () => {
    await browser.grantHost('http://127.0.0.1/*');
    const options = await openExtensionPage(browser.context, browser.extensionId, 'options.html');
    await fillOptions(options, { backend: sandbox.origin, token: sandbox.tokens.user, userId: 'alice' });
    expect(await clickAndReadStatus(options, 'Save')).toBe('Saved.');
    expect(await sendFromPage(options, 'sites.set', { site: 'http://127.0.0.1', enabled: true })).toEqual({ ok: true, value: ['http://127.0.0.1'] });
    sandbox.clearLog();

    const page = await browser.context.newPage();
    await page.goto(demoUrl(sandbox));
    // Keyed images load through the rules the content script adopts; URL images as the page wrote them.
    await expect.poll(() => keysServed(sandbox).has('seed-alice'), { timeout: 15_000 }).toBe(true);
    const alice = page.locator('#meta-alice');
    await expect.poll(() => alice.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 }).toBe(96);
    expect(await alice.getAttribute('src')).toBe(`${sandbox.baseUrl}/images?type=USER&id=alice`);

    // Every Glean image of the demo page is loaded with the user's token, by key and by metadata.
    await expect.poll(() => [...keysServed(sandbox)].sort(), { timeout: 15_000 }).toEqual(['seed-alice', 'seed-bob', 'seed-carol']);
    const gets = apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/images' && r.headers.authorization);
    expect(gets.every((r) => r.headers.authorization === `Bearer ${sandbox.tokens.user}` && !('x-scio-actas' in r.headers))).toBe(true);
    await page.close();
    await options.close();
  });
});
