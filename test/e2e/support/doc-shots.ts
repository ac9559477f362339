/**
 * The README's pictures. The e2e run takes them of the real extension, in light mode, into
 * docs/screenshots/, so the user guide shows what the code does today; commit them when they change.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

export const DOC_SHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));

/**
 * Photographs `what` (a page, or one element of it) as docs/screenshots/<name>.png. `pad` keeps a
 * margin around an element that stays in the viewport (the toast, with its shadow); without it the
 * element is scrolled to and taken whole.
 */
export async function docShot(what: Page | Locator, name: string, options: { fullPage?: boolean; pad?: number } = {}): Promise<void> {
  mkdirSync(DOC_SHOTS, { recursive: true });
  const page = 'page' in what ? what.page() : what;
  await page.emulateMedia({ colorScheme: 'light' });
  const path = `${DOC_SHOTS}${name}.png`;
  if ('page' in what && options.pad !== undefined) {
    const box = await what.boundingBox();
    if (!box) throw new Error(`${name}: nothing to photograph`);
    const pad = options.pad;
    await page.screenshot({ path, clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad } });
  } else if ('page' in what) {
    await what.screenshot({ path });
  } else {
    await what.screenshot({ path, fullPage: options.fullPage ?? true });
  }
  await page.emulateMedia({ colorScheme: null });
}
