// The extension rolled out by an organisation through Chromium's managed policy
// (/etc/chromium/policies/managed/*.json, 3rdparty.extensions.<id>): a fresh profile opens the
// options page already pointing at the company's backend, locked fields read-only, ignored values
// listed; one "Sign in with Glean" click; Glean images shown on the site the policy names with no
// other setting touched; forged messages refused; a policy change picked up live. The build is the
// policy e2e build with a fixed id of its own, and the policy file names only that id.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, openExtensionPage, type ChromiumWithExtension } from '../support/chromium';
import { docShot } from '../support/doc-shots';
import { clickAndReadStatus, firstRunOptionsPage, sendFromPage } from '../support/options-page';
import { startPageServer, type PageServer } from '../support/page-server';
import { cannotWritePolicies, CHROME_POLICY_BUILD, CHROMIUM_POLICY_FILE, chromiumIdOf, removePolicy, writeChromiumPolicy } from '../support/policy-files';
import { changedPolicy, chooseOwnConcurrency, companyPolicy, expectChangedPolicyTaken, expectForgedChangesRefused, expectPolicySiteShowsImage, setUpPolicySite } from '../support/policy-scenario';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';

const why = cannotWritePolicies(CHROMIUM_POLICY_FILE);
if (why) console.warn(`Chromium policy e2e skipped: ${why}`);

type Reply = { ok: boolean; value?: any; error?: { message: string } };
let sandbox: Sandbox;
let site: PageServer;
let browser: ChromiumWithExtension;
let options: Page;
let wikiUrl: string;
let id: string;

describe.skipIf(why !== null)('Chromium: configuration set by the organisation', () => {
  beforeAll(async () => {
    sandbox = await startSandbox();
    site = await startPageServer();
    wikiUrl = setUpPolicySite(sandbox, site);
    sandbox.oauth.knobs.oauthAutoApprove = true;
    id = chromiumIdOf();
    try {
      writeChromiumPolicy(id, companyPolicy(sandbox, site));
      browser = await launchChromiumWithExtension(CHROME_POLICY_BUILD);
      options = await firstRunOptionsPage(browser.context, browser.extensionId);
    } catch (e) {
      removePolicy(CHROMIUM_POLICY_FILE);
      throw e;
    }
  });
  afterAll(async () => {
    try {
      await browser?.close();
      await site?.close();
      await sandbox?.close();
    } finally {
      removePolicy(CHROMIUM_POLICY_FILE);
    }
  });

  const send = (type: string, payload: unknown) => sendFromPage<Reply>(options, type, payload);

  it('runs the policy build under the id its policy file names', () => {
    expect(browser.extensionId).toBe(id);
  });

  it('opens the options page on first run already pointing at the backend, locked fields read-only', async () => {
    const backend = options.getByLabel('Glean backend');
    await expect.poll(() => backend.inputValue()).toBe(`${sandbox.origin}/rest/api/v1`);
    await expect(backend.getAttribute('readonly')).resolves.not.toBeNull();
    await expect(options.getByText('Set by your organisation').count()).resolves.toBeGreaterThanOrEqual(3);
    // One way to sign in, chosen by the policy: the other choices cannot be picked.
    await expect(options.getByRole('radio', { name: 'API token' }).isDisabled()).resolves.toBe(true);
    await expect(options.getByRole('radio', { name: /client your Glean admin created/ }).isDisabled()).resolves.toBe(true);
    await expect(options.getByRole('button', { name: 'Sign in with Glean', exact: true }).isEnabled()).resolves.toBe(true);
    await expect(options.locator('#uploads-defaultType').inputValue()).resolves.toBe('LOGO');
    await expect(options.locator('#uploads-defaultType').isDisabled()).resolves.toBe(true);
    await expect(options.locator('#uploads-ds').inputValue()).resolves.toBe('intranet');
    await expect(options.locator('#uploads-ds').getAttribute('readonly')).resolves.not.toBeNull();
  });

  it('ignores malformed values with a note, and keeps what they would have replaced', async () => {
    const notes = options.getByRole('note');
    await expect(notes.textContent()).resolves.toContain('MaxUploadSizeMB: The largest file can be set from 1 to 200 MB.');
    await expect(notes.textContent()).resolves.toContain('ShowImagesOnSites: "not a site" is not a web site.');
    // The ignored limit left the user's own (the default 20 MB), still theirs to change.
    await expect(options.locator('#uploads-capMb').inputValue()).resolves.toBe('20');
    await expect(options.locator('#uploads-capMb').getAttribute('readonly')).resolves.toBeNull();
    await docShot(options.locator('form').first(), 'options-policy');
  });

  it('signs in with the one button, and the policy site then shows Glean images with no other setting touched', async () => {
    // What a person does when the browser asks for the sites (a headless prompt cannot be answered).
    await browser.grantHost('http://127.0.0.1/*');
    expect(await clickAndReadStatus(options, 'Sign in with Glean')).toBe('Signed in as Alice Example.');
    // Granted in that click: the background enables the policy's site by itself.
    await expectPolicySiteShowsImage(send, sandbox, async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(wikiUrl);
        // Shown once it has its size; a broken image keeps 0, which the check then reports.
        await page.waitForFunction(() => (document.getElementById('glean') as HTMLImageElement).naturalWidth > 0, null, { timeout: 10_000 }).catch(() => undefined);
        return await page.evaluate(() => (document.getElementById('glean') as HTMLImageElement).naturalWidth);
      } finally {
        await page.close();
      }
    });
  });

  it('refuses messages that would change what the policy locks, and changes nothing', async () => {
    await expectForgedChangesRefused(send, sandbox, site);
  });

  it('takes a policy change while running (Chromium reports it through storage.onChanged)', async () => {
    await chooseOwnConcurrency(send);
    writeChromiumPolicy(id, changedPolicy(sandbox, site));
    await expectChangedPolicyTaken(send, 30_000);
    const fresh = await openExtensionPage(browser.context, browser.extensionId, 'options.html');
    try {
      await expect(fresh.locator('#uploads-capMb').inputValue()).resolves.toBe('8');
      await expect(fresh.locator('#uploads-capMb').getAttribute('readonly')).resolves.not.toBeNull();
      await expect(fresh.getByRole('note').textContent()).resolves.not.toContain('MaxUploadSizeMB');
    } finally {
      await fresh.close();
    }
  });
});
