/**
 * Driving an extension page in Firefox (puppeteer over BiDi) by what a person sees: fields by their
 * label, buttons by their name, status lines. Clicks and typing are real input (BiDi input
 * actions), so permission requests inside a click work as they do for a person.
 */
import type { ElementHandle, Page } from 'puppeteer-core';

/** The form control a `<label>` with exactly this text names, inside `scope`. */
export async function byLabel(page: Page, label: string, scope = 'body'): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction(
    (l, s) => {
      const found = [...(document.querySelector(s)?.querySelectorAll('label') ?? [])].find((x) => x.textContent?.trim() === l);
      return found ? (found.control ?? document.getElementById(found.htmlFor)) : null;
    },
    { polling: 100, timeout: 10_000 },
    label,
    scope,
  );
  return handle.asElement() as ElementHandle<HTMLInputElement>;
}

/** Replaces a field's text by typing, as a person who selected it all would. */
export async function fill(field: ElementHandle<HTMLInputElement>, value: string): Promise<void> {
  await field.evaluate((el) => {
    el.value = '';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  if (value) await field.type(value);
}

/** The button named `name` (its text or aria-label), inside `scope`. */
export async function button(page: Page, name: string, scope = 'body'): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (n, s) => [...(document.querySelector(s)?.querySelectorAll('button') ?? [])].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === n) ?? null,
    { polling: 100, timeout: 10_000 },
    name,
    scope,
  );
  return handle.asElement() as ElementHandle<HTMLButtonElement>;
}

/** Waits until something inside `scope` shows `text`. */
export function shows(page: Page, text: string, scope = 'body', timeout = 20_000): Promise<unknown> {
  return page.waitForFunction((t, s) => document.querySelector(s)?.textContent?.includes(t), { polling: 100, timeout }, text, scope);
}

/**
 * Clicks a button of the options page's first form (the connection) and returns its status line
 * once the action it started has finished.
 */
export async function clickAndReadStatus(page: Page, name: string): Promise<string> {
  const before = await page.$eval('form [role="status"]', (el) => Number(el.getAttribute('data-seq')));
  await (await button(page, name, 'form'))!.click();
  await page.waitForFunction(
    (seq) => {
      const el = document.querySelector('form [role="status"]');
      return Number(el?.getAttribute('data-seq')) > seq && el?.getAttribute('data-busy') === 'false';
    },
    { polling: 100, timeout: 20_000 },
    before,
  );
  return page.$eval('form [role="status"]', (el) => el.textContent ?? '');
}
