/**
 * The README's pictures. The e2e run takes them of the real extension, in light mode. Only
 * `npm run screenshots` (GLEAN_DOC_SHOTS=1) writes them into docs/screenshots/, to be committed:
 * ports and keys differ from run to run, so a plain `npm test` writing there would leave the tree
 * changed. Otherwise they go to test-results/screenshots/docs/ (ignored by git), for a look.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

const ROOT = new URL('../../../', import.meta.url);
/** Where the README's pictures live in the repository. */
export const README_SHOTS = fileURLToPath(new URL('docs/screenshots/', ROOT));
/** Where this run writes them: the README's folder only for `npm run screenshots`. */
export const DOC_SHOTS = process.env.GLEAN_DOC_SHOTS === '1' ? README_SHOTS : fileURLToPath(new URL('test-results/screenshots/docs/', ROOT));
/** Pictures for a person to look at (not the README's), ignored by git. */
export const REVIEW_SHOTS = fileURLToPath(new URL('test-results/screenshots/', ROOT));

/**
 * Photographs `what` (a page, or one element of it) as <DOC_SHOTS>/<name>.png. `pad` keeps a
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

/**
 * Photographs an area of `page` with `pad` pixels around it: for what no locator reaches (the toast,
 * in its closed shadow root).
 */
export async function docShotArea(page: Page, box: { x: number; y: number; width: number; height: number }, name: string, pad: number): Promise<void> {
  mkdirSync(DOC_SHOTS, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.screenshot({ path: `${DOC_SHOTS}${name}.png`, clip: { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad } });
  await page.emulateMedia({ colorScheme: null });
}
