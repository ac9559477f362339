/**
 * The in-page toast, as a test in Chromium reaches it. Its shadow root is closed, so neither the
 * page nor Playwright's locators see inside; the extension keeps the root in its content-script
 * world (`__gleanImagesToast`), and these helpers read it there, through the DevTools protocol.
 * Clicks and keys go through Playwright's mouse and keyboard: real input, as a person's.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { evaluateInContentWorld } from './content-world';

export interface ToastButton {
  name: string;
  x: number;
  y: number;
  disabled: boolean;
}

export interface ToastView {
  state: string;
  lang: string;
  title: string;
  key: string | null;
  body: string | null;
  buttons: ToastButton[];
  box: { x: number; y: number; width: number; height: number };
}

const SLOT = 'globalThis.__gleanImagesToast';

/** The toast as the extension sees it, or null when none is shown. */
export function readToast(page: Page, extensionId: string): Promise<ToastView | null> {
  return evaluateInContentWorld<ToastView | null>(page, extensionId, `(() => {
    const m = ${SLOT};
    const box = m && m.host.isConnected ? m.root.querySelector('.toast') : null;
    if (!box) return null;
    const text = (sel) => box.querySelector(sel)?.textContent ?? null;
    const centre = (el) => { const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; };
    const r = box.getBoundingClientRect();
    return {
      state: box.dataset.state, lang: box.lang, title: text('.title'), key: text('.key'), body: text('.body'),
      buttons: [...box.querySelectorAll('button')].map((b) => ({ name: b.getAttribute('aria-label') ?? b.textContent, disabled: b.disabled, ...centre(b) })),
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  })()`).catch(() => null); // the content world may not be there yet
}

/** Waits until the toast shows one of `states`, and returns it. */
export async function waitForToast(page: Page, extensionId: string, states: string[], timeoutMs = 15_000): Promise<ToastView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await readToast(page, extensionId);
    if (view && states.includes(view.state)) return view;
    if (Date.now() > deadline) throw new Error(`no toast in state ${states.join('/')} after ${timeoutMs} ms (now: ${view?.state ?? 'none'})`);
    await page.waitForTimeout(100);
  }
}

/** Clicks the toast's button named `name` with the mouse. */
export async function clickToastButton(page: Page, view: ToastView, name: string): Promise<void> {
  const button = view.buttons.find((b) => b.name === name);
  if (!button) throw new Error(`the toast has no "${name}" button (has: ${view.buttons.map((b) => b.name).join(', ')})`);
  await page.mouse.click(button.x, button.y);
}

/** Focuses the toast's first button, from the extension's side (a person would Tab to it). */
export function focusToast(page: Page, extensionId: string): Promise<void> {
  return evaluateInContentWorld(page, extensionId, `${SLOT}.root.querySelector('button').focus()`);
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * axe's serious and critical findings on the toast, in light and dark. axe runs in the
 * content-script world, where the host is given its closed root as `shadowRoot`: an own property
 * of that world's view of the element, which the page's view does not have.
 */
export async function toastAxeFindings(page: Page, extensionId: string, where: string): Promise<string[]> {
  // Evaluated as it is: a content-script world's CSP refuses eval(), not the DevTools protocol.
  if (!(await evaluateInContentWorld<boolean>(page, extensionId, `typeof axe !== 'undefined'`))) {
    await evaluateInContentWorld(page, extensionId, `${readFileSync(AXE, 'utf8')};\ntrue`);
  }
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await evaluateInContentWorld<string[]>(page, extensionId, `(async () => {
      const m = ${SLOT};
      Object.defineProperty(m.host, 'shadowRoot', { value: m.root, configurable: true });
      const result = await axe.run({ include: [['glean-images-toast']] }, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
    })()`);
    found.push(...violations.map((v) => `${where}, ${scheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}
