// Connecting through the options page by its labels, and proving the token stays in the background.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ChromiumWithExtension, readExtensionStorage } from '../support/chromium';
import { evaluateInContentWorld } from '../support/content-world';
import { docShot } from '../support/doc-shots';
import { clickAndReadStatus, fillOptions, firstRunOptionsPage, sendFromPage } from '../support/options-page';
import { CHROME_BUILD } from '../support/paths';
import { apiRequests, demoUrl, keysServed, startSandbox, type Sandbox } from '../support/sandbox-fixture';

let sandbox: Sandbox;
let browser: ChromiumWithExtension;
let options: Page;

beforeAll(async () => {
  sandbox = await startSandbox();
  browser = await launchChromiumWithExtension(CHROME_BUILD);
  options = await firstRunOptionsPage(browser.context, browser.extensionId);
  await browser.grantHost('http://127.0.0.1/*');
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
beforeEach(() => sandbox.reset());

describe('Chromium: connecting from the options page', () => {
  it('reports a wrong token as a 401 in words', async () => {
    await fillOptions(options, { backend: sandbox.origin, token: 'not-the-right-token' });
    const text = await clickAndReadStatus(options, 'Test connection');
    expect(text).toContain('Glean refused the token (401)');
    expect(apiRequests(sandbox).map((r) => r.status)).toEqual([401]);
  });

  it('refuses a global token without "Act as" before saving, sending nothing', async () => {
    await fillOptions(options, { backend: sandbox.origin, token: sandbox.tokens.global, tokenType: 'Global token', actAs: '' });
    expect(await clickAndReadStatus(options, 'Save')).toBe('Please correct the fields marked below.');
    await expect(options.getByText('A global token acts for someone').textContent()).resolves.toContain('"Act as"');
    expect(apiRequests(sandbox)).toEqual([]);
    expect(await sendFromPage(options, 'settings.get', null)).toMatchObject({ ok: true, value: { hasToken: false, apiBase: '' } });
  });

  it('connects with a global token acting as someone, and says so', async () => {
    await fillOptions(options, { backend: sandbox.origin, token: sandbox.tokens.global, tokenType: 'Global token', actAs: 'alice@example.com', userId: 'alice' });
    const text = await clickAndReadStatus(options, 'Test connection');
    expect(text).toContain(`Connected to ${sandbox.baseUrl} acting as alice@example.com`);
    expect(apiRequests(sandbox)[0]?.headers['x-scio-actas']).toBe('alice@example.com');
    await docShot(options.locator('form').first(), 'options-connection');
  });

  it('tests and saves a user token; the token then lives only in the background', async () => {
    await fillOptions(options, { backend: sandbox.origin, token: sandbox.tokens.user, tokenType: 'User token', userId: 'bob' });
    expect(await clickAndReadStatus(options, 'Test connection')).toContain(`Connected to ${sandbox.baseUrl}`);
    expect(await clickAndReadStatus(options, 'Save')).toBe('Saved.');
    await expect(options.getByLabel('API token').inputValue()).resolves.toBe('');

    const token = sandbox.tokens.user;
    // What extension pages can read back.
    const fromPage = JSON.stringify(await sendFromPage(options, 'settings.get', null));
    expect(fromPage).toContain('"hasToken":true');
    expect(fromPage).not.toContain(token);
    // storage.local and storage.sync, which content scripts could read: the token is in neither.
    const storage = await readExtensionStorage(browser);
    expect(storage).not.toContain(token);

    // A content script on an enabled site asks for the settings and for the token-bearing calls.
    await sendFromPage(options, 'sites.set', { site: 'http://127.0.0.1', enabled: true });
    const page = await browser.context.newPage();
    await page.goto(demoUrl(sandbox));
    await expect.poll(() => keysServed(sandbox).has('seed-bob'), { timeout: 15_000 }).toBe(true);
    const asked = await evaluateInContentWorld<string>(page, browser.extensionId, `Promise.all([
      chrome.runtime.sendMessage({ type: 'settings.get', payload: null }),
      chrome.runtime.sendMessage({ type: 'image.get', payload: { query: { type: 'USER', id: 'bob' } } }),
      chrome.runtime.sendMessage({ type: 'connection.test', payload: { draft: { backend: 'http://127.0.0.1:1', tokenType: 'user', actAs: '', userId: '' } } }),
      JSON.stringify(chrome.storage ?? null),
    ]).then((answers) => JSON.stringify(answers))`);
    const answers = JSON.parse(asked) as unknown[];
    expect(answers.slice(0, 3)).toEqual([
      { ok: false, error: { kind: 'refused', message: '"settings.get" is not accepted from this sender.' } },
      { ok: false, error: { kind: 'refused', message: '"image.get" is not accepted from this sender.' } },
      { ok: false, error: { kind: 'refused', message: '"connection.test" is not accepted from this sender.' } },
    ]);
    expect(asked).not.toContain(token);
    await page.close();
  });

  it('forgets the token', async () => {
    expect(await clickAndReadStatus(options, 'Forget token')).toContain('The token is forgotten');
    expect(await sendFromPage(options, 'settings.get', null)).toMatchObject({ ok: true, value: { hasToken: false } });
  });
});
