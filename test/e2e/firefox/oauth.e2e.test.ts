// "Sign in with Glean" in Firefox ESR against the sandbox as a Glean instance: a refused
// self-registration explained with Firefox's redirect URL, the admin's client ID, the one-step
// sign-in through Dynamic Client Registration in Firefox's own sign-in window
// (identity.launchWebAuthFlow, redirecting to https://<id>.extensions.allizom.org/), the sandbox's
// "Allow" page, a renewal after a 401, and an external identity provider's token with its header.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_BUILD } from '../support/paths';
import { apiRequests, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';
import { SANDBOX_CLIENT_ID } from '../../sandbox/server';

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;
let n = 0;

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

const uploads = () => apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/uploadimage');
const registrations = () => sandbox.log.filter((r) => r.method === 'POST' && r.path === '/oauth/register');
const choose = (value: 'glean' | 'client' | 'external') => options.locator(`input[name="oauthChoice"][value="${value}"]`).click();

/** A real click on a button of the connection form (so Firefox takes the permission request), then its finished status. */
async function press(name: string): Promise<string> {
  const before = await options.$eval('form [role="status"]', (el) => Number(el.getAttribute('data-seq')));
  await options.locator(`::-p-aria([name="${name}"][role="button"])`).click();
  await options.waitForFunction(
    (seq) => {
      const el = document.querySelector('form [role="status"]');
      return Number(el?.getAttribute('data-seq')) > seq && el?.getAttribute('data-busy') === 'false';
    },
    { timeout: 20_000 },
    before,
  );
  return options.$eval('form [role="status"]', (el) => el.textContent ?? '');
}

/** Uploads a fresh image through the queue and waits until it left the queue. */
async function upload(): Promise<void> {
  n += 1;
  const bytes = Array.from(solidPng(3, 3, [n * 30, 200, 30, 255]));
  const queued = await options.evaluate(
    (data, id) => (globalThis as any).browser.runtime.sendMessage({ type: 'upload.enqueue', payload: { bytes: new Uint8Array(data).buffer, metadata: { type: 'UGC', id }, source: { fileName: 'ff.png' } } }),
    bytes,
    `ff-oauth-${n}`,
  );
  expect(queued).toMatchObject({ ok: true, value: { status: 'queued' } });
  await expect.poll(async () => (await send('upload.status', null)).value.jobs.length, { timeout: 15_000 }).toBe(0);
}

describe('Firefox: Sign in with Glean', () => {
  it('explains a self-registration refused for Firefox’s redirect URL, and offers the admin’s client ID', async () => {
    sandbox.oauth.knobs.oauthRegistration = 'patterns';
    sandbox.oauth.knobs.oauthRegistrationPatterns = ['https://*.chromiumapp.org/*'];
    // A fresh install starts on signing in with Glean: the backend, then one button.
    await options.locator('#backend').fill(sandbox.origin);
    await options.locator('#userId').fill('carol');
    const status = await press('Sign in with Glean');
    const redirect = await options.$eval('#redirectUrl', (el) => (el as HTMLInputElement).value);
    expect(redirect).toMatch(/^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/$/);
    expect(status).toContain(`does not allow this extension's redirect URL ${redirect}`);
    expect(await options.$eval('input[name="oauthChoice"][value="client"]', (el) => (el as HTMLInputElement).checked)).toBe(true);
    expect(registrations().map((r) => r.status)).toEqual([400]);
  });

  it('signs in with the client ID an admin created, without registering', async () => {
    sandbox.oauth.knobs.oauthAutoApprove = true;
    sandbox.clearLog();
    await options.locator('#clientId').fill(SANDBOX_CLIENT_ID);
    expect(await press('Sign in with Glean')).toBe('Signed in as Alice Example.');
    expect(registrations()).toEqual([]);
    expect(await press('Sign out')).toMatch(/^Signed out/);
  });

  it('signs in from the backend alone through Dynamic Client Registration, and uploads without X-Glean-Auth-Type', async () => {
    sandbox.oauth.knobs.oauthRegistration = 'any';
    sandbox.clearLog();
    await choose('glean');
    expect(await press('Sign in with Glean')).toBe('Signed in as Alice Example.');
    expect(registrations().map((r) => r.status)).toEqual([201]);
    const authorize = sandbox.log.find((r) => r.path === '/oauth/authorize');
    expect(authorize?.query).toMatchObject({ client_id: sandbox.oauth.clients.list()[0]?.clientId, code_challenge_method: 'S256' });
    expect(authorize?.query.nonce).toHaveLength(43);

    sandbox.clearLog();
    await upload();
    const [sent] = uploads();
    expect(sent?.status).toBe(200);
    expect(sent?.headers['x-glean-auth-type']).toBeUndefined();
    expect(sent?.headers.authorization).toMatch(/^Bearer sbx-at-/);
    expect(JSON.stringify(await send('settings.get', null))).not.toMatch(/sbx-(at|rt)-/);
  });

  it('renews once after Glean refuses a token the server ended early', async () => {
    sandbox.clearLog();
    sandbox.oauth.tokens.expireAccessTokens();
    await upload();
    expect(uploads().map((r) => r.status)).toEqual([401, 200]);
    expect(sandbox.log.filter((r) => r.path === '/oauth/token')).toHaveLength(1);
  });

  it('shows the sandbox’s "Allow" page in Firefox’s sign-in window, reusing the registration', async () => {
    sandbox.oauth.knobs.oauthAutoApprove = false;
    expect(await press('Sign out')).toMatch(/^Signed out/);
    sandbox.clearLog();
    const status = press('Sign in with Glean');
    let window: Page | undefined;
    for (let i = 0; i < 75 && !window; i++) {
      for (const page of await firefox.browser.pages()) {
        if (page.url().includes('/oauth/authorize')) window = page;
      }
      if (!window) await new Promise((r) => setTimeout(r, 200));
    }
    expect(window, 'the sign-in window as a page').toBeDefined();
    await window!.locator('::-p-aria([name="Allow"][role="button"])').click();
    expect(await status).toBe('Signed in as Alice Example.');
    expect(registrations()).toEqual([]);
  });

  it('signs in with an external identity provider, whose token goes out with X-Glean-Auth-Type: OAUTH', async () => {
    sandbox.external.oauth.knobs.oauthAutoApprove = true;
    expect(await press('Sign out')).toMatch(/^Signed out/);
    await choose('external');
    await options.locator('#issuer').fill(sandbox.external.origin);
    await options.locator('#clientId').fill(SANDBOX_CLIENT_ID);
    expect(await press('Sign in')).toBe('Signed in as Alice Example.');
    sandbox.clearLog();
    await upload();
    const [sent] = uploads();
    expect([sent?.status, sent?.headers['x-glean-auth-type']]).toEqual([200, 'OAUTH']);
  });
});
