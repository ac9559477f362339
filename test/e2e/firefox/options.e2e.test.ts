// The options page in Firefox ESR against the sandbox, with the Chromium files' assertions
// (connection.e2e, details.e2e's Uploads section): Test connection and Save with a user or a
// global token, the token then only in the background, Forget token; the Uploads section's
// right-click defaults used by the next right-click upload; sites added and removed; axe. The
// OAuth choice is in oauth.e2e.test.ts. The e2e build is used for its right-click hook only.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendFrom } from '../support/configured-firefox';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { button, byLabel, clickAndReadStatus, fill, shows } from '../support/firefox-page';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { FIREFOX_E2E_BUILD } from '../support/paths';
import { apiRequests, demoUrl, keysServed, startSandbox, type Sandbox } from '../support/sandbox-fixture';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const uploads = (s: Sandbox) => apiRequests(s).filter((r) => r.method === 'POST' && r.path === '/rest/api/v1/uploadimage');

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;

beforeAll(async () => {
  sandbox = await startSandbox();
  firefox = await launchFirefoxWithExtension(FIREFOX_E2E_BUILD);
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
  // A fresh install starts on signing in with Glean; these tests are about the API token.
  await options.locator('button[data-method="token"]').click();
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

/** Fills the connection form by its labels; fields left undefined are not touched. */
async function fillOptions(input: { backend: string; token?: string; tokenType?: 'user' | 'global'; actAs?: string; userId?: string }) {
  await fill(await byLabel(options, 'Glean backend'), input.backend);
  if (input.token !== undefined) await fill(await byLabel(options, 'API token'), input.token);
  if (input.tokenType) await (await byLabel(options, 'Token type')).select(input.tokenType);
  if (input.actAs !== undefined) await fill(await byLabel(options, 'Act as (e-mail)'), input.actAs);
  if (input.userId !== undefined) await fill(await byLabel(options, 'Your user ID'), input.userId);
}

describe('Firefox: connecting from the options page', () => {
  beforeEach(() => sandbox.reset());

  it('reports a wrong token as a 401 in words', async () => {
    await fillOptions({ backend: sandbox.origin, token: 'not-the-right-token' });
    expect(await clickAndReadStatus(options, 'Test connection')).toContain('Glean refused the token (401)');
    expect(apiRequests(sandbox).map((r) => r.status)).toEqual([401]);
  });

  it('refuses a global token without "Act as" before saving, sending nothing', async () => {
    await fillOptions({ backend: sandbox.origin, token: sandbox.tokens.global, tokenType: 'global', actAs: '' });
    expect(await clickAndReadStatus(options, 'Save')).toBe('Please correct the fields marked below.');
    await shows(options, 'A global token acts for someone');
    expect(apiRequests(sandbox)).toEqual([]);
    expect(await sendFrom(options, 'settings.get', null)).toMatchObject({ ok: true, value: { hasToken: false, apiBase: '' } });
  });

  it('refuses at Save an "Act as" that a request could not send', async () => {
    await fillOptions({ backend: sandbox.origin, token: sandbox.tokens.global, tokenType: 'global', actAs: 'jörg@example.com' });
    expect(await clickAndReadStatus(options, 'Save')).toBe('Please correct the fields marked below.');
    await shows(options, '"jörg@example.com" is not an e-mail address.');
    expect(apiRequests(sandbox)).toEqual([]);
  });

  it('connects with a global token acting as someone, and says so', async () => {
    await fillOptions({ backend: sandbox.origin, token: sandbox.tokens.global, tokenType: 'global', actAs: 'alice@example.com', userId: 'alice' });
    expect(await clickAndReadStatus(options, 'Test connection')).toContain(`Connected to ${sandbox.baseUrl} acting as alice@example.com`);
    expect(apiRequests(sandbox)[0]?.headers['x-scio-actas']).toBe('alice@example.com');
  });

  it('tests and saves a user token; the token then lives only in the background', async () => {
    await fillOptions({ backend: sandbox.origin, token: sandbox.tokens.user, tokenType: 'user', userId: 'bob' });
    expect(await clickAndReadStatus(options, 'Test connection')).toContain(`Connected to ${sandbox.baseUrl}`);
    expect(await clickAndReadStatus(options, 'Save')).toBe('Saved.');
    expect(await (await byLabel(options, 'API token')).evaluate((el) => el.value)).toBe('');

    const token = sandbox.tokens.user;
    const fromPage = JSON.stringify(await sendFrom(options, 'settings.get', null));
    expect(fromPage).toContain('"hasToken":true');
    expect(fromPage).not.toContain(token);
    // The storage permission is only for the organisation's policy (storage.managed): nothing is
    // kept in storage.local or storage.sync, which content scripts could read.
    expect(await options.evaluate(async () => {
      const b = (globalThis as any).browser;
      return JSON.stringify([await b.storage.local.get(null), await b.storage.sync.get(null)]);
    })).toBe('[{},{}]');

    // A content script on an enabled site asks for the settings and for the token-bearing calls.
    expect(await sendFrom(options, 'sites.set', { site: 'http://127.0.0.1', enabled: true })).toMatchObject({ ok: true });
    const page = await firefox.browser.newPage();
    await page.goto(demoUrl(sandbox));
    await expect.poll(() => keysServed(sandbox).has('seed-bob'), { timeout: 15_000 }).toBe(true);
    const answers = await options.evaluate(async (pageUrl) => {
      const b = (globalThis as any).browser;
      const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
      const [injection] = await b.scripting.executeScript({
        target: { tabId: tab.id, frameIds: [0] },
        func: () => {
          const send = (m: unknown) => (globalThis as any).browser.runtime.sendMessage(m);
          return Promise.all([
            send({ type: 'settings.get', payload: null }),
            send({ type: 'image.get', payload: { query: { type: 'USER', id: 'bob' } } }),
            send({ type: 'connection.test', payload: { draft: { backend: 'http://127.0.0.1:1', tokenType: 'user', actAs: '', userId: '' } } }),
          ]);
        },
      });
      return injection.result;
    }, page.url());
    expect(answers).toEqual([
      { ok: false, error: { kind: 'refused', message: '"settings.get" is not accepted from this sender.' } },
      { ok: false, error: { kind: 'refused', message: '"image.get" is not accepted from this sender.' } },
      { ok: false, error: { kind: 'refused', message: '"connection.test" is not accepted from this sender.' } },
    ]);
    expect(JSON.stringify(answers)).not.toContain(token);
    await page.close();
  });

  it('forgets the token', async () => {
    expect(await clickAndReadStatus(options, 'Forget token')).toContain('The token is forgotten');
    expect(await sendFrom(options, 'settings.get', null)).toMatchObject({ ok: true, value: { hasToken: false } });
    // Back to a working setup for the sections below.
    await fillOptions({ backend: sandbox.origin, token: sandbox.tokens.user });
    expect(await clickAndReadStatus(options, 'Save')).toBe('Saved.');
  });
});

describe("Firefox: the options page's Uploads section", () => {
  const S = 'section.uploads-section';

  it('saves new right-click defaults that the next right-click upload uses', async () => {
    expect(await (await byLabel(options, 'Uploads at the same time', S)).evaluate((el) => el.value)).toBe('3');
    await (await byLabel(options, 'Default type for right-click', S)).select('LOGO');
    await fill(await byLabel(options, 'ID', S), 'brand-7');
    await fill(await byLabel(options, 'Datasource', S), 'website');
    await fill(await byLabel(options, 'Maximum width', S), '160');
    await (await byLabel(options, 'Format', S)).select('png');
    await fill(await byLabel(options, 'Uploads kept in history', S), '3');
    await (await button(options, 'Save upload settings', S)).click();
    await shows(options, 'Enter a whole number of uploads from 10 to 5000.', S);
    await fill(await byLabel(options, 'Uploads kept in history', S), '300');
    await (await button(options, 'Save upload settings', S)).click();
    await shows(options, 'Upload settings saved. New uploads use them.', S);

    // Saved in the background, not only in the form. (Chromium's test reloads the page; puppeteer
    // cannot wait for a moz-extension: page to load again, as Firefox reports no navigation there.)
    expect(await sendFrom(options, 'preferences.get', null)).toMatchObject({
      ok: true,
      value: { defaultType: 'LOGO', defaultMetadata: { id: 'brand-7', ds: 'website' }, historyCap: 300, processing: { maxWidth: 160, format: 'png' } },
    });

    // The right-click listener, fired through the e2e build's port as in right-click.e2e.test.ts.
    const demo = await firefox.browser.newPage();
    await demo.goto(demoUrl(sandbox));
    const before = uploads(sandbox).length;
    await options.evaluate(async (pageUrl, srcUrl) => {
      const b = (globalThis as any).browser;
      const tab = (await b.tabs.query({})).find((t: { url?: string }) => t.url === pageUrl);
      const port = b.runtime.connect({ name: 'e2e-menu-click' });
      await new Promise((ok) => {
        port.onMessage.addListener(ok);
        port.postMessage({ info: { menuItemId: 'glean-upload', srcUrl, pageUrl, frameId: 0, mediaType: 'image' }, tab: { id: tab.id } });
      });
      port.disconnect();
    }, demo.url(), `${sandbox.origin}/demo/img/green.png`);
    await expect.poll(() => sandbox.images.getByMetadata({ type: 'LOGO', id: 'brand-7', ds: 'website' }) !== undefined, { timeout: 20_000 }).toBe(true);
    const sent = uploads(sandbox).at(-1)!;
    expect(uploads(sandbox)).toHaveLength(before + 1);
    expect(sent.query).toEqual({ type: 'LOGO', id: 'brand-7', ds: 'website' });
    expect(sent.headers['content-type']).toBe('image/png');
    const stored = sandbox.images.getByMetadata({ type: 'LOGO', id: 'brand-7', ds: 'website' })!;
    // The default processing: the 320 × 200 picture at most 160 wide.
    expect([stored.bytes.readUInt32BE(16), stored.bytes.readUInt32BE(20)]).toEqual([160, 100]);
    await demo.close();
  });
});

describe("Firefox: the options page's sites", () => {
  const S = 'section[aria-labelledby="sites-heading"]';

  it('adds a site inside the click, lists it, and removes it', async () => {
    await fill(await byLabel(options, 'Add a site', S), 'http://localhost');
    await (await button(options, 'Add site', S)).click();
    await shows(options, 'Glean images now show on http://localhost', S);
    expect(await sendFrom(options, 'sites.get', null)).toMatchObject({ ok: true, value: expect.arrayContaining(['http://localhost']) });
    await (await button(options, 'Remove http://localhost', S)).click();
    await shows(options, 'Glean images no longer show on http://localhost.', S);
    expect(await sendFrom(options, 'sites.get', null)).toMatchObject({ ok: true, value: expect.not.arrayContaining(['http://localhost']) });
  });
});

describe('Firefox: the options page, accessibility', () => {
  it('has no serious or critical findings', async () => {
    await options.evaluate(readFileSync(AXE, 'utf8'));
    const violations = await options.evaluate(async () => {
      const result = await (globalThis as any).axe.run(document, { resultTypes: ['violations'] });
      return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });
});
