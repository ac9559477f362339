// "Sign in with OAuth" in real Chromium against the sandbox's OAuth server: the sign-in window
// (identity.launchWebAuthFlow) driven through Playwright, uploads with OAuth headers, renewals
// across 5-second tokens and after a 401, a revoked sign-in pausing the queue until the person
// signs in again, and no token anywhere a page or content script can read.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, openExtensionPage, type ChromiumWithExtension, readExtensionStorage } from '../support/chromium';
import { evaluateInContentWorld } from '../support/content-world';
import { clickAndReadStatus, firstRunOptionsPage, sendFromPage } from '../support/options-page';
import { uploadFromPage, waitForUpload } from '../support/page-calls';
import { CHROME_BUILD } from '../support/paths';
import { apiRequests, demoUrl, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';
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

/** Fills the OAuth form as a person would and clicks "Sign in"; resolves with the status line. */
async function signIn(approve?: (window: Page) => Promise<void>): Promise<string> {
  await options.getByRole('radio', { name: /Sign in with OAuth/ }).click();
  await options.getByLabel('Glean backend').fill(sandbox.origin);
  await options.getByLabel('Your user ID').fill('alice');
  await options.getByLabel('Authorization server').fill(sandbox.origin);
  await options.getByLabel('Client ID').fill(SANDBOX_CLIENT_ID);
  const opened = approve ? browser.context.waitForEvent('page', { timeout: 15_000 }) : null;
  const status = clickAndReadStatus(options, 'Sign in');
  if (opened) await approve!(await opened);
  return status;
}

describe('Chromium: Sign in with OAuth', () => {
  it('signs in through the sandbox’s page in the browser’s sign-in window', async () => {
    await options.getByRole('radio', { name: /Sign in with OAuth/ }).click();
    await expect(options.getByLabel('Redirect URL').inputValue()).resolves.toBe(`https://${browser.extensionId}.chromiumapp.org/`);
    const status = await signIn(async (window) => {
      await window.waitForURL(/\/oauth\/authorize\?/);
      expect(new URL(window.url()).searchParams.get('code_challenge_method')).toBe('S256');
      await window.getByRole('button', { name: 'Allow' }).click();
    });
    expect(status).toBe('Signed in as Alice Example.');
    await expect(options.getByText('Signed in as Alice Example').count()).resolves.toBeGreaterThan(0);
    expect(sandbox.log.map((r) => r.path)).toEqual(expect.arrayContaining(['/.well-known/oauth-authorization-server', '/oauth/authorize', '/oauth/token']));
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
    expect(await signIn()).toBe('Signed in as Alice Example.');
    sandbox.clearLog();
    await waitForUpload(options, await enqueue());
    await new Promise((r) => setTimeout(r, 6_000));
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
    await expect.poll(() => page.locator('#key-bob').getAttribute('data-glean-state'), { timeout: 15_000 }).toBe('shown');
    const asked = await evaluateInContentWorld<string>(page, browser.extensionId, `Promise.all([
      chrome.runtime.sendMessage({ type: 'settings.get', payload: null }),
      chrome.runtime.sendMessage({ type: 'oauth.signOut', payload: null }),
      chrome.runtime.sendMessage({ type: 'oauth.signIn', payload: { backend: 'x', userId: '', issuer: 'https://evil.example', clientId: 'c', scopes: '' } }),
      JSON.stringify(chrome.storage ?? null),
      document.documentElement.outerHTML,
    ]).then((answers) => JSON.stringify(answers))`);
    expect(asked).not.toMatch(secret);
    expect((JSON.parse(asked) as { ok?: boolean }[]).slice(0, 3).map((a) => a.ok)).toEqual([false, false, false]);
    // The images on the page came through the background with the OAuth token.
    expect(apiRequests(sandbox).some((r) => r.path === '/rest/api/v1/images' && /^Bearer sbx-at-/.test(r.headers.authorization ?? ''))).toBe(true);
    await page.close();
  });
});
