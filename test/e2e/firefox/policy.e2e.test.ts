// The extension rolled out by an organisation through Firefox's policies.json (3rdparty →
// Extensions → the gecko id): a fresh profile opens the options page already pointing at the
// company's backend, locked fields read-only, ignored values listed; one "Sign in with Glean"
// click; Glean images shown on the site the policy names with no other setting touched; forged
// messages refused. Firefox reads policies.json only when it starts (it reports no change to
// storage.managed while running), so the policy change is checked across a browser restart.
// Debian's firefox-esr 153 reads /etc/firefox/policies/policies.json and also
// /usr/lib/firefox-esr/distribution/policies.json (both tried, with storage.managed answering the
// values); the test writes the first. The build is the policy e2e build, with a gecko id of its
// own that the file names; a restart drops an add-on installed over BiDi, so the build is
// sideloaded into a profile of its own (as the upload-queue restart test does).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExtensionPage, launchFirefoxProfile, sideload } from '../support/firefox';
import { clickAndReadStatus } from '../support/firefox-page';
import { startPageServer, type PageServer } from '../support/page-server';
import { cannotWritePolicies, FIREFOX_POLICY_BUILD, FIREFOX_POLICY_FILE, geckoIdOf, removePolicy, writeFirefoxPolicy } from '../support/policy-files';
import { changedPolicy, chooseOwnConcurrency, companyPolicy, expectChangedPolicyTaken, expectForgedChangesRefused, expectPolicySiteShowsImage, setUpPolicySite } from '../support/policy-scenario';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';

const why = cannotWritePolicies(FIREFOX_POLICY_FILE);
if (why) console.warn(`Firefox policy e2e skipped: ${why}`);

type Reply = { ok: boolean; value?: any; error?: { message: string } };
let sandbox: Sandbox;
let site: PageServer;
let browser: Browser | undefined;
let options: Page;
let wikiUrl: string;
let profile: string;
const uuid = randomUUID();

describe.skipIf(why !== null)('Firefox: configuration set by the organisation', () => {
  const geckoId = why ? '' : geckoIdOf();
  // After a restart BiDi cannot open an extension page, but Firefox opens one named on its command line.
  const launch = (url?: string): Promise<Browser> => launchFirefoxProfile(profile, geckoId, uuid, url);

  beforeAll(async () => {
    sandbox = await startSandbox();
    site = await startPageServer();
    wikiUrl = setUpPolicySite(sandbox, site);
    sandbox.oauth.knobs.oauthAutoApprove = true;
    profile = mkdtempSync(join(tmpdir(), 'e2e-firefox-policy-'));
    try {
      writeFirefoxPolicy(geckoId, companyPolicy(sandbox, site));
      sideload(profile, geckoId, FIREFOX_POLICY_BUILD);
      browser = await launch();
      options = await findExtensionPage(browser, `moz-extension://${uuid}/options.html`, 15_000);
      // The sideloaded add-on's tab opens behind the first one; a background tab runs no animation
      // frames, which puppeteer's waits and clicks rely on.
      await options.bringToFront();
    } catch (e) {
      removePolicy(FIREFOX_POLICY_FILE);
      throw e;
    }
  });
  afterAll(async () => {
    try {
      await browser?.close().catch(() => undefined);
      await site?.close();
      await sandbox?.close();
      rmSync(profile, { recursive: true, force: true });
    } finally {
      removePolicy(FIREFOX_POLICY_FILE);
    }
  });

  const send = (type: string, payload: unknown): Promise<Reply> =>
    options.evaluate((t, p) => (globalThis as any).browser.runtime.sendMessage({ type: t, payload: p }), type, payload);
  const value = (selector: string) => options.$eval(selector, (el) => (el as HTMLInputElement).value);
  const attr = (selector: string, name: string) => options.$eval(selector, (el, n) => el.getAttribute(n), name);
  const text = (selector: string) => options.$eval(selector, (el) => el.textContent ?? '');

  it('opens the options page on first run already pointing at the backend, locked fields read-only', async () => {
    await expect.poll(() => value('#backend'), { timeout: 10_000 }).toBe(`${sandbox.origin}/rest/api/v1`);
    expect(await attr('#backend', 'readonly')).not.toBeNull();
    // Under the backend, the sign-in method and the right-click defaults.
    expect(await options.$$eval('.hint', (els) => els.filter((el) => el.textContent === 'Set by your organisation').length)).toBe(3);
    expect(await options.$eval('button[data-method="token"]', (el) => (el as HTMLButtonElement).disabled)).toBe(true);
    expect(await options.$eval('fieldset.oauth-choice', (el) => (el as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await value('#uploads-defaultType')).toBe('LOGO');
    expect(await value('#uploads-ds')).toBe('intranet');
    expect(await attr('#uploads-ds', 'readonly')).not.toBeNull();
  });

  it('ignores malformed values with a note, and keeps what they would have replaced', async () => {
    const notes = await text('[role="note"]');
    expect(notes).toContain('MaxUploadSizeMB: The largest file can be set from 1 to 200 MB.');
    expect(notes).toContain('ShowImagesOnSites: "not a site" is not a web site.');
    expect(await value('#uploads-capMb')).toBe('20');
    expect(await attr('#uploads-capMb', 'readonly')).toBeNull();
  });

  it('signs in with the one button, and the policy site then shows Glean images with no other setting touched', async () => {
    // A real click: Firefox grants the backend and the policy's site only inside one (the test
    // profile answers the permission prompt itself, extensions.webextOptionalPermissionPrompts).
    expect(await clickAndReadStatus(options, 'Sign in with Glean')).toBe('Signed in as Alice Example.');
    await expectPolicySiteShowsImage(send, sandbox, async () => {
      const page = await browser!.newPage();
      try {
        await page.goto(wikiUrl);
        // Shown once it has its size; a broken image keeps 0, which the check then reports.
        await page.waitForFunction(() => (document.getElementById('glean') as HTMLImageElement).naturalWidth > 0, { polling: 100, timeout: 10_000 }).catch(() => undefined);
        return await page.evaluate(() => (document.getElementById('glean') as HTMLImageElement).naturalWidth);
      } finally {
        await page.close();
      }
    });
  });

  it('refuses messages that would change what the policy locks, and changes nothing', async () => {
    await expectForgedChangesRefused(send, sandbox, site);
  });

  it('takes a policy change at the next browser start, keeping what the user chose elsewhere', async () => {
    await chooseOwnConcurrency(send);
    writeFirefoxPolicy(geckoId, changedPolicy(sandbox, site));
    await browser!.close();
    browser = await launch(`moz-extension://${uuid}/options.html`);
    options = await findExtensionPage(browser, `moz-extension://${uuid}/options.html`, 15_000);
    await options.bringToFront();
    await expectChangedPolicyTaken(send, 15_000);
  });
});
