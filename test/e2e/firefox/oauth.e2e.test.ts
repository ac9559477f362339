// "Sign in with OAuth" in Firefox ESR: the options page's Sign in click, Firefox's own sign-in
// window (identity.launchWebAuthFlow, redirecting to https://<id>.extensions.allizom.org/) against
// the sandbox with its auto-approve knob, then an upload and an image with the OAuth headers.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_BUILD } from '../support/paths';
import { apiRequests, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';
import { SANDBOX_CLIENT_ID } from '../../sandbox/server';

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;

function send(type: string, payload: unknown): Promise<any> {
  return options.evaluate((t, p) => (globalThis as any).browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
}

beforeAll(async () => {
  sandbox = await startSandbox();
  firefox = await launchFirefoxWithExtension(FIREFOX_BUILD);
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});

describe('Firefox: Sign in with OAuth', () => {
  it('signs in from the options page through Firefox’s sign-in window', async () => {
    sandbox.oauth.knobs.oauthAutoApprove = true;
    await options.locator('button[data-method="oauth"]').click();
    const redirect = await options.$eval('#redirectUrl', (el) => (el as HTMLInputElement).value);
    expect(redirect).toMatch(/^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/$/);
    await options.locator('#backend').fill(sandbox.origin);
    await options.locator('#userId').fill('carol');
    await options.locator('#issuer').fill(sandbox.origin);
    await options.locator('#clientId').fill(SANDBOX_CLIENT_ID);
    // A real click, so Firefox accepts the host permission request inside it.
    await options.locator('::-p-aria([name="Sign in"][role="button"])').click();
    await options.waitForFunction(() => /^Signed in|did not|refused|Could not/.test(document.querySelector('[role="status"]')?.textContent ?? ''), { timeout: 20_000 });
    const text = await options.$eval('[role="status"]', (el) => el.textContent);
    expect(text).toBe('Signed in as Alice Example.');
    const token = sandbox.log.find((r) => r.path === '/oauth/authorize');
    expect(token?.query.redirect_uri).toBe(redirect);
  });

  it('uploads with the Glean-issued token and no X-Glean-Auth-Type, and pages read no token', async () => {
    sandbox.clearLog();
    const bytes = Array.from(solidPng(3, 3, [10, 200, 30, 255]));
    const queued = await options.evaluate(
      (data) => (globalThis as any).browser.runtime.sendMessage({ type: 'upload.enqueue', payload: { bytes: new Uint8Array(data).buffer, metadata: { type: 'UGC', id: 'ff-oauth' }, source: { fileName: 'ff.png' } } }),
      bytes,
    );
    expect(queued).toMatchObject({ ok: true, value: { status: 'queued' } });
    await expect.poll(async () => (await send('upload.status', null)).value.jobs.length, { timeout: 15_000 }).toBe(0);
    const [upload] = apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/uploadimage');
    expect(upload?.status).toBe(200);
    // The sandbox's own server issued the token: Glean knows it by its issuer, no marker.
    expect(upload?.headers['x-glean-auth-type']).toBeUndefined();
    expect(upload?.headers.authorization).toMatch(/^Bearer sbx-at-/);
    expect(JSON.stringify(await send('settings.get', null))).not.toMatch(/sbx-(at|rt)-/);
  });

  it('shows the sandbox’s "Allow" page in Firefox’s sign-in window, which the test can click', async () => {
    sandbox.oauth.knobs.oauthAutoApprove = false;
    await options.locator('::-p-aria([name="Sign out"][role="button"])').click();
    await options.waitForFunction(() => document.querySelector('[role="status"]')?.textContent?.startsWith('Signed out'), { timeout: 15_000 });
    await options.locator('::-p-aria([name="Sign in"][role="button"])').click();
    let window: Page | undefined;
    for (let i = 0; i < 75 && !window; i++) {
      for (const page of await firefox.browser.pages()) {
        if (page.url().includes('/oauth/authorize')) window = page;
      }
      if (!window) await new Promise((r) => setTimeout(r, 200));
    }
    expect(window, 'the sign-in window as a page').toBeDefined();
    await window!.locator('::-p-aria([name="Allow"][role="button"])').click();
    await options.waitForFunction(() => /^Signed in|did not|refused|Could not/.test(document.querySelector('[role="status"]')?.textContent ?? ''), { timeout: 20_000 });
    expect(await options.$eval('[role="status"]', (el) => el.textContent)).toBe('Signed in as Alice Example.');
  });
});
