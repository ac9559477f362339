// The extension's three zones talking for real in Chromium: the background starts, an extension
// page gets answers, and a content script on an enabled site gets images through the background.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, openExtensionPage, type ChromiumWithExtension } from '../support/chromium';
import { clickAndReadStatus, fillOptions, firstRunOptionsPage, sendFromPage } from '../support/options-page';
import { CHROME_BUILD } from '../support/paths';
import { apiRequests, demoUrl, startSandbox, type Sandbox } from '../support/sandbox-fixture';

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
    const alice = page.locator('#key-alice');
    await expect.poll(() => alice.getAttribute('data-glean-state'), { timeout: 15_000 }).toBe('shown');
    expect(await alice.evaluate((img: HTMLImageElement) => ({ w: img.naturalWidth, src: img.src.slice(0, 5) }))).toEqual({ w: 96, src: expect.stringMatching(/^(blob|data):$/) }); // a local URL (small images: data:)

    // The page's own <img src> requests to the API carry no token; only the extension's do.
    const gets = apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/images' && r.headers.authorization);
    // The demo's metadata URLs are references too now; the keys are still fetched once each.
    expect(gets.flatMap((r) => r.query.key ?? []).sort()).toEqual(['seed-alice', 'seed-bob', 'seed-carol']);
    expect(gets.every((r) => r.headers.authorization === `Bearer ${sandbox.tokens.user}` && !('x-scio-actas' in r.headers))).toBe(true);
    await page.close();
    await options.close();
  });
});
