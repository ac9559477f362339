// "Sign in with Glean" in real Chromium against the sandbox as a Glean instance with its own
// authorization server: a refused self-registration explained, the admin's client ID, the one-step
// sign-in through Dynamic Client Registration, the sign-in window (identity.launchWebAuthFlow)
// driven through Playwright, uploads with a Glean-issued token (no X-Glean-Auth-Type), renewals
// across 5-second tokens and after a 401, a revoked sign-in pausing the queue until the person
// signs in again, no token anywhere a page or content script can read, and an external identity
// provider whose token goes out with X-Glean-Auth-Type: OAUTH.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, openExtensionPage, type ChromiumWithExtension, readExtensionStorage } from '../support/chromium';
import { evaluateInContentWorld } from '../support/content-world';
import { clickAndReadStatus, firstRunOptionsPage, sendFromPage } from '../support/options-page';
import { uploadFromPage, waitForUpload } from '../support/page-calls';
import { docShot } from '../support/doc-shots';
import { CHROME_BUILD } from '../support/paths';
import { apiRequests, demoUrl, keysServed, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';
import { SANDBOX_CLIENT_ID } from '../../sandbox/server';

let sandbox: Sandbox;
let browser: ChromiumWithExtension;
let options: Page;
let n = 0;

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

const uploads = () => apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/uploadimage');
const tokenRequests = () => sandbox.log.filter((r) => r.path === '/oauth/token');

/** Queues a fresh image (new metadata each time, so never a duplicate); returns the job id. */
async function enqueue(): Promise<string> {
  n += 1;
  const reply = await uploadFromPage(options, solidPng(4, 4, [n * 20, 80, 160, 255]), { type: 'UGC', id: `oauth-${n}` }, `oauth-${n}.png`);
  if (!reply.ok || reply.value.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(reply)}`);
  return reply.value.job.id;
}

const registrations = () => sandbox.log.filter((r) => r.method === 'POST' && r.path === '/oauth/register');
const choose = (name: RegExp) => options.getByRole('radio', { name }).check();

/** Presses the sign-in button (and approves in the sign-in window when asked); resolves with the status line. */
async function press(button: string, approve?: (window: Page) => Promise<void>): Promise<string> {
  const opened = approve ? browser.context.waitForEvent('page', { timeout: 15_000 }) : null;
  const status = clickAndReadStatus(options, button);
  if (opened) await approve!(await opened);
  return status;
}

/** Signs in the one-step way: only the backend (and user ID) typed. */
async function signIn(approve?: (window: Page) => Promise<void>): Promise<string> {
  await choose(/With your Glean instance/);
  return press('Sign in with Glean', approve);
}

const allow = async (window: Page) => {
  await window.waitForURL(/\/oauth\/authorize\?/);
  const asked = new URL(window.url()).searchParams;
  expect([asked.get('code_challenge_method'), asked.get('code_challenge')?.length, asked.get('nonce')?.length]).toEqual(['S256', 43, 43]);
  await window.getByRole('button', { name: 'Allow' }).click();
};

describe('Chromium: Sign in with Glean', () => {
  it('explains a self-registration the tenant refuses for this redirect URL, with the URL to copy', async () => {
    const redirect = `https://${browser.extensionId}.chromiumapp.org/`;
    sandbox.oauth.knobs.oauthRegistration = 'patterns';
    sandbox.oauth.knobs.oauthRegistrationPatterns = ['https://approved-extension.chromiumapp.org/*'];
    // A fresh install starts here: the backend, then one button.
    await options.getByLabel('Glean backend').fill(sandbox.origin);
    await options.getByLabel('Your user ID').fill('alice');
    const status = await press('Sign in with Glean');
    expect(status).toContain(`does not allow this extension's redirect URL ${redirect}`);
    await options.getByText('allow this redirect URL for self-registered apps').waitFor();
    await expect(options.getByLabel('Redirect URL').inputValue()).resolves.toBe(redirect);
    await expect(options.getByRole('radio', { name: /client your Glean admin created/ }).isChecked()).resolves.toBe(true);
    expect(registrations().map((r) => r.status)).toEqual([400]);
    await docShot(options.locator('form').first(), 'options-sign-in-refused');
  });

  it('signs in with the client ID an admin created, without registering', async () => {
    sandbox.clearLog();
    await options.getByLabel('Client ID').fill(SANDBOX_CLIENT_ID);
    expect(await press('Sign in with Glean', allow)).toBe('Signed in as Alice Example.');
    expect(registrations()).toEqual([]);
    expect(sandbox.log.find((r) => r.path === '/oauth/authorize')?.query.client_id).toBe(SANDBOX_CLIENT_ID);
    expect(await clickAndReadStatus(options, 'Sign out')).toMatch(/^Signed out/);
    // Signing out revokes the refresh token, then the access token.
    await expect.poll(() => sandbox.log.filter((r) => r.path === '/oauth/revoke').length, { timeout: 10_000 }).toBe(2);
    expect(sandbox.oauth.tokens.counts()).toEqual({ accessTokens: 0, refreshTokens: 0 });
  });

  it('signs in from the backend alone: discovery, Dynamic Client Registration, PKCE, the sign-in window', async () => {
    sandbox.oauth.knobs.oauthRegistration = 'any';
    sandbox.clearLog();
    expect(await signIn(allow)).toBe('Signed in as Alice Example.');
    await expect(options.getByText('Signed in as Alice Example').count()).resolves.toBeGreaterThan(0);
    expect(sandbox.log.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining([
      'GET /.well-known/oauth-authorization-server', 'POST /oauth/register', 'GET /oauth/authorize', 'POST /oauth/token',
    ]));
    const [client] = sandbox.oauth.clients.list();
    expect(client?.redirectUris).toEqual([`https://${browser.extensionId}.chromiumapp.org/`]);
    expect(sandbox.log.find((r) => r.path === '/oauth/authorize')?.query.client_id).toBe(client?.clientId);
  });

  it('uploads with the access token, without X-Glean-Auth-Type (Glean knows its own tokens), never act-as', async () => {
    const done = await waitForUpload(options, await enqueue());
    expect(done.key).toBeTruthy();
    const [sent] = uploads();
    expect(sent?.status).toBe(200);
    expect(sent?.headers.authorization).toMatch(/^Bearer sbx-at-/);
    expect(sent?.headers['x-glean-auth-type']).toBeUndefined();
    expect(sent?.headers['x-scio-actas']).toBeUndefined();
    expect(sent?.headers['x-glean-actas']).toBeUndefined();
  });

  it('renews once after Glean refuses a token the server ended early, and sends the upload again', async () => {
    sandbox.clearLog();
    sandbox.oauth.tokens.expireAccessTokens();
    await waitForUpload(options, await enqueue());
    expect(uploads().map((r) => r.status)).toEqual([401, 200]);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('keeps uploading across 5-second tokens, renewing them before they expire', async () => {
    sandbox.oauth.knobs.oauthAccessTokenSeconds = 5;
    sandbox.oauth.knobs.oauthAutoApprove = true;
    expect(await clickAndReadStatus(options, 'Sign out')).toMatch(/^Signed out/);
    sandbox.clearLog();
    expect(await signIn()).toBe('Signed in as Alice Example.');
    // The registration is kept per backend and used again.
    expect(registrations()).toEqual([]);
    sandbox.clearLog();
    await waitForUpload(options, await enqueue());
    // Until the sandbox has ended the first access token (its 5 seconds are over): only then does
    // the next upload show that the extension renewed it.
    const [first] = uploads().map((r) => String(r.headers.authorization).replace(/^Bearer /, ''));
    expect(sandbox.oauth.tokens.userFor(first!)).toBeDefined();
    await expect.poll(() => sandbox.oauth.tokens.userFor(first!), { timeout: 15_000, interval: 250 }).toBeUndefined();
    await waitForUpload(options, await enqueue());
    // Renewed before use: no upload was refused.
    expect(uploads().map((r) => r.status)).toEqual([200, 200]);
    expect(tokenRequests().length).toBeGreaterThanOrEqual(1);
    expect(new Set(uploads().map((r) => r.headers.authorization)).size).toBe(2);
  });

  it('pauses a queued upload once the sign-in is revoked, says so, and finishes it after signing in again', async () => {
    sandbox.oauth.knobs.oauthAutoApprove = true;
    expect(sandbox.oauth.tokens.revokeRefreshTokens()).toBeGreaterThan(0);
    sandbox.clearLog();
    const id = await enqueue();
    await expect
      .poll(async () => (await sendFromPage<{ value: { pause: { message?: string } | null } }>(options, 'upload.status', null)).value.pause?.message ?? '', { timeout: 15_000 })
      .toMatch(/^Sign in again/);
    const status = await sendFromPage<{ value: { jobs: { id: string; state: string }[] } }>(options, 'upload.status', null);
    expect(status.value.jobs.find((j) => j.id === id)?.state).toBe('paused');
    expect(await sendFromPage(options, 'settings.get', null)).toMatchObject({ ok: true, value: { needsSignIn: true, signedIn: false } });

    // The popup says it…
    const popup = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
    // The popup renders once the settings have arrived: wait for it rather than count at once.
    await popup.getByRole('button', { name: 'Sign in again' }).waitFor({ timeout: 10_000 });
    await expect(popup.getByRole('button', { name: 'Sign in again' }).count()).resolves.toBe(1);
    await popup.close();
    // …and so does the options page, where signing in again lets the upload finish.
    await options.reload();
    await options.getByText('Your sign-in has ended').waitFor();
    expect(await signIn()).toBe('Signed in as Alice Example.');
    const done = await waitForUpload(options, id);
    expect(done.metadata).toMatchObject({ type: 'UGC' });
    expect(uploads().at(-1)?.status).toBe(200);
  });

  it('leaves no token where pages or content scripts can read it', async () => {
    const secret = /sbx-(at|rt)-/;
    expect(JSON.stringify(await sendFromPage(options, 'settings.get', null))).not.toMatch(secret);
    const storage = await readExtensionStorage(browser);
    expect(storage).not.toMatch(secret);

    await sendFromPage(options, 'sites.set', { site: 'http://127.0.0.1', enabled: true });
    const page = await browser.context.newPage();
    await page.goto(demoUrl(sandbox));
    await expect.poll(() => keysServed(sandbox).has('seed-bob'), { timeout: 15_000 }).toBe(true);
    const asked = await evaluateInContentWorld<string>(page, browser.extensionId, `Promise.all([
      chrome.runtime.sendMessage({ type: 'settings.get', payload: null }),
      chrome.runtime.sendMessage({ type: 'oauth.signOut', payload: null }),
      chrome.runtime.sendMessage({ type: 'oauth.signIn', payload: { backend: 'x', userId: '', provider: 'external', issuer: 'https://evil.example', clientId: 'c', scopes: '' } }),
      JSON.stringify(chrome.storage ?? null),
      document.documentElement.outerHTML,
    ]).then((answers) => JSON.stringify(answers))`);
    expect(asked).not.toMatch(secret);
    expect((JSON.parse(asked) as { ok?: boolean }[]).slice(0, 3).map((a) => a.ok)).toEqual([false, false, false]);
    // The images on the page came through the background with the OAuth token.
    expect(apiRequests(sandbox).some((r) => r.path === '/rest/api/v1/images' && /^Bearer sbx-at-/.test(r.headers.authorization ?? ''))).toBe(true);
    await page.close();
  });

  it('signs in with an external identity provider, whose token goes out with X-Glean-Auth-Type: OAUTH', async () => {
    sandbox.external.oauth.knobs.oauthAutoApprove = true;
    expect(await clickAndReadStatus(options, 'Sign out')).toMatch(/^Signed out/);
    await choose(/external identity provider/);
    await options.getByLabel('Authorization server').fill(sandbox.external.origin);
    await options.getByLabel('Client ID').fill(SANDBOX_CLIENT_ID);
    sandbox.clearLog();
    expect(await press('Sign in')).toBe('Signed in as Alice Example.');
    // The code went to the provider's own origin, not to the Glean instance.
    expect(sandbox.log.filter((r) => r.path === '/oauth/token').map((r) => r.headers.host)).toEqual([new URL(sandbox.external.origin).host]);
    sandbox.clearLog();
    await waitForUpload(options, await enqueue());
    const [sent] = uploads();
    expect([sent?.status, sent?.headers['x-glean-auth-type']]).toEqual([200, 'OAUTH']);
  });
});
