/** axe-core's serious and critical findings on a page (or part of it), in light and dark. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe on `include` (a CSS selector; the whole document when absent) in both color schemes. */
export async function axeFindings(page: Page, where: string, include?: string): Promise<string[]> {
  // addScriptTag would be an inline script, which an extension page's CSP refuses; evaluating
  // through the DevTools protocol is not subject to it.
  if (!(await page.evaluate(() => typeof (globalThis as any).axe?.run === 'function'))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await page.evaluate(async (selector) => {
      const context = selector ? { include: [[selector]] } : document;
      const result = await (globalThis as any).axe.run(context, { resultTypes: ['violations'] });
      return (result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }, include ?? null);
    found.push(...violations.map((v) => `${where}, ${scheme}: ${v}`));
  }
  await page.emulateMedia({ colorScheme: null });
  return found;
}
