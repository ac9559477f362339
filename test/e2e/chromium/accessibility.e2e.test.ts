// The in-page toast passes axe in every state, and a whole upload can be done with the keyboard.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage, type ChromiumWithExtension } from '../support/chromium';
import { launchConfigured } from '../support/configured-chromium';
import { solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';
import { focusToast, toastAxeFindings, waitForToast } from '../support/toast';

let sandbox: Sandbox;
let browser: ChromiumWithExtension;

beforeAll(async () => {
  sandbox = await startSandbox();
  ({ browser } = await launchConfigured(sandbox));
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

const worker = () => browser.context.serviceWorkers().find((w) => w.url().includes(browser.extensionId))!;

describe('Chromium: accessibility', () => {
  it('the in-page toast has no serious or critical findings in any state, light or dark', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${sandbox.origin}/demo/`);
    const tabId = await worker().evaluate(async (u) => (await (globalThis as any).chrome.tabs.query({})).find((t: { url?: string }) => t.url === u)?.id, page.url());
    const states = [
      { kind: 'progress', text: 'Uploading to Glean…' },
      { kind: 'done', jobId: 'j', title: 'Uploaded to Glean', key: 'abc123', url: `${sandbox.baseUrl}/images?key=abc123`, markdown: '![x](y)' },
      { kind: 'failed', jobId: 'j', message: 'Glean refused the token (401).' },
      { kind: 'info', message: 'Click the picture to upload it to Glean. Press Esc to cancel.' },
    ];
    const found: string[] = [];
    for (const toast of states) {
      // What the background does to show a toast: inject the page part, then message it.
      await worker().evaluate(async ([id, t]) => {
        const chrome = (globalThis as any).chrome;
        await chrome.scripting.executeScript({ target: { tabId: id }, files: ['/content-scripts/page-tools.js'] });
        await chrome.tabs.sendMessage(id, { tool: 'toast', toast: t }, { frameId: 0 });
      }, [tabId, toast] as const);
      await waitForToast(page, browser.extensionId, [toast.kind]);
      found.push(...(await toastAxeFindings(page, browser.extensionId, `toast ${toast.kind}`)));
    }
    expect(found).toEqual([]);
    // Keyboard: the toast's buttons are reachable, and Esc closes it.
    await focusToast(page, browser.extensionId);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('glean-images-toast').count()).toBe(0);
    await page.close();
  });

  it('uploads a file with the keyboard alone', async () => {
    const popup: Page = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
    await popup.setViewportSize({ width: 400, height: 640 });
    // Tag, role, label, id and text of what has focus: the Upload tab and the Upload button differ by role.
    const focused = () => popup.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return [el?.tagName, el?.getAttribute('role'), el?.getAttribute('aria-label'), el?.id, el?.textContent?.trim().slice(0, 30)].filter(Boolean).join(' ');
    });
    /** Presses Tab until the focused element matches, as a keyboard user would. */
    async function tabTo(pattern: RegExp): Promise<void> {
      for (let i = 0; i < 40; i++) {
        await popup.keyboard.press('Tab');
        if (pattern.test(await focused())) return;
      }
      throw new Error(`Could not reach ${pattern} with Tab; stuck at ${await focused()}`);
    }
    const png = solidPng(30, 20, [12, 140, 90, 255]);
    // Listening first, long before the key press, so file-chooser interception is on in time.
    const chooser = popup.waitForEvent('filechooser', { timeout: 20_000 });
    await tabTo(/^BUTTON\b.*Choose images/);
    await popup.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'keyboard.png', mimeType: 'image/png', buffer: png });
    // As a person would, waits to see the file listed: the list appears once the popup has read the
    // file, and tabbing meanwhile raced it (the Upload tab was reached instead of the button).
    await popup.getByText('PNG · 30 × 20').waitFor();
    await tabTo(/^SELECT .*\bType\b|^SELECT /);
    await popup.keyboard.press('End'); // the last type in the list
    await tabTo(/^INPUT .*ID/i);
    await popup.keyboard.type('kb-1');
    await tabTo(/^BUTTON Upload$/);
    await popup.keyboard.press('Enter');
    await popup.getByText('Uploaded.').first().waitFor({ timeout: 15_000 }).catch(async (e: unknown) => {
      // Failed twice in 12 runs (fresh-clone CI runs), never alone: say what the popup showed then.
      throw new Error(`${String(e)}\nThe popup showed: ${await popup.locator('body').innerText()}\nThe sandbox got: ${JSON.stringify(sandbox.log.map((r) => [r.method, r.path, r.status]))}`);
    });
    const stored = sandbox.images.list().find((i) => i.metadata.id === 'kb-1');
    expect(stored?.bytes.equals(png)).toBe(true);
    await popup.close();
  });
});
