/**
 * Drives the real options page by its visible labels, the way a person would. Used by the e2e
 * tests and by `npm start` to configure the extension for the sandbox.
 */
import type { Page } from 'playwright-core';

export interface OptionsInput {
  backend: string;
  token?: string;
  tokenType?: 'User token' | 'Global token';
  actAs?: string;
  userId?: string;
}

/** Chooses "API token" as the sign-in method (a fresh install starts on signing in with Glean). */
export async function chooseApiToken(page: Page): Promise<void> {
  const radio = page.getByRole('radio', { name: 'API token' });
  if ((await radio.getAttribute('aria-checked')) !== 'true') await radio.click();
}

/** Fills the form; fields left undefined are not touched. */
export async function fillOptions(page: Page, input: OptionsInput): Promise<void> {
  await page.getByLabel('Glean backend').fill(input.backend);
  if (input.token !== undefined) {
    await chooseApiToken(page);
    await page.getByLabel('API token').fill(input.token);
  }
  if (input.tokenType) await page.getByLabel('Token type').selectOption({ label: input.tokenType });
  if (input.actAs !== undefined) await page.getByLabel('Act as (e-mail)').fill(input.actAs);
  if (input.userId !== undefined) await page.getByLabel('Your user ID').fill(input.userId);
}

/** Clicks a button and returns the status line once the action it started has finished. */
export async function clickAndReadStatus(page: Page, button: string): Promise<string> {
  // The connection form comes first; later sections have status lines of their own.
  const form = page.locator('form').first();
  const status = form.getByRole('status');
  const before = Number(await status.getAttribute('data-seq'));
  await form.getByRole('button', { name: button, exact: true }).click();
  await page.waitForFunction(
    (seq) => {
      const el = document.querySelector('form [role="status"]');
      return Number(el?.getAttribute('data-seq')) > seq && el?.getAttribute('data-busy') === 'false';
    },
    before,
    { timeout: 20_000 },
  );
  return (await status.textContent()) ?? '';
}

/** Sends one protocol message from an extension page, as the popup or options page would. */
export function sendFromPage<T = unknown>(page: Page, type: string, payload: unknown): Promise<T> {
  return page.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: t, payload: p }),
    [type, payload] as const,
  ) as Promise<T>;
}

/**
 * The options tab the extension opens by itself on first run. Waiting for it also keeps tests
 * from opening pages while Chromium is still turning a fresh tab into it.
 */
export async function firstRunOptionsPage(context: import('playwright-core').BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/options.html`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) {
      await page.waitForLoadState('load');
      return page;
    }
    if (Date.now() > deadline) throw new Error('The options page did not open on first run.');
    await new Promise((r) => setTimeout(r, 100));
  }
}
