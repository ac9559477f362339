/** Chromium with the extension configured for a sandbox through its options page, as a user would. */
import type { Page } from 'playwright-core';
import { launchChromiumWithExtension, type ChromiumWithExtension } from './chromium';
import { clickAndReadStatus, fillOptions, firstRunOptionsPage } from './options-page';
import { CHROME_BUILD } from './paths';
import type { Sandbox } from './sandbox-fixture';

/** Launches, grants the sandbox's host, and saves backend and user token; returns the options page. */
export async function launchConfigured(sandbox: Sandbox, opts: { userDataDir?: string; headless?: boolean } = {}): Promise<{ browser: ChromiumWithExtension; options: Page }> {
  const browser = await launchChromiumWithExtension(CHROME_BUILD, opts);
  const options = await firstRunOptionsPage(browser.context, browser.extensionId);
  await browser.grantHost('http://127.0.0.1/*');
  await fillOptions(options, { backend: sandbox.origin, token: sandbox.tokens.user, userId: 'alice' });
  const saved = await clickAndReadStatus(options, 'Save');
  if (saved !== 'Saved.') throw new Error(`Saving the options failed: ${saved}`);
  return { browser, options };
}
