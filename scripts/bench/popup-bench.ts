/**
 * The popup while 40 files are chosen and handed over: the input delay of key presses made every
 * 25 ms meanwhile (Event Timing: from the press to its handler starting), with the Long Tasks API
 * and a 10 ms timer's lateness beside it, from choosing the files until all are handed over.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChromiumWithExtension } from '../../test/e2e/support/chromium';
import { openExtensionPage } from '../../test/e2e/support/chromium';
import { verdict } from './targets';

// A string, so the bench's TypeScript runner adds no helpers the page lacks.
const PROBE = `(() => {
  window.__busiest = { lag: 0, task: 0, input: 0, inputs: 0 };
  // Event Timing reports inputs that took 16 ms or more in all; a shorter one waited less than that.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__busiest.inputs += 1;
      window.__busiest.input = Math.max(window.__busiest.input, e.processingStart - e.startTime);
    }
  }).observe({ type: 'event', durationThreshold: 16 });
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    window.__busiest.lag = Math.max(window.__busiest.lag, now - last - 10);
    last = now;
  }, 10);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__busiest.task = Math.max(window.__busiest.task, e.duration);
  }).observe({ type: 'longtask' });
})()`;

/** Chooses `files` in a popup page, uploads them as UGC, and prints the longest input delay. */
export async function runPopupBench(browser: ChromiumWithExtension, files: { name: string; type: string; bytes: Buffer }[], round: string): Promise<void> {
  // Chosen from disk, as a user does: buffers would be built into File objects by page script,
  // whose time would count against the popup.
  const dir = await mkdtemp(join(tmpdir(), 'bench-popup-'));
  const paths = await Promise.all(files.map(async (f) => {
    const path = join(dir, `${round}-${f.name}.${f.type.split('/')[1]}`);
    await writeFile(path, f.bytes);
    return path;
  }));
  const popup = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
  try {
    const panel = popup.locator('[role="tabpanel"]:not([hidden])');
    await popup.getByRole('tab', { name: 'Upload', exact: true }).click();
    await panel.getByLabel('ID', { exact: true }).fill(`popup-${round}`);
    await popup.evaluate(PROBE);
    const start = Date.now();
    let typing = true;
    let presses = 0;
    // A person pressing keys the whole time (Shift: it changes nothing in the form).
    const typist = (async () => {
      while (typing) {
        await popup.keyboard.press('Shift');
        presses += 1;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await popup.locator('input[type="file"]').setInputFiles(paths);
    await panel.getByText(`${round}-${files.at(-1)!.name}.`).waitFor();
    await panel.getByRole('button', { name: 'Upload', exact: true }).click();
    await panel.getByText(`Sent ${files.length} images.`, { exact: false }).waitFor({ timeout: 60_000 });
    const handedOver = Date.now() - start;
    typing = false;
    await typist;
    const busiest: { lag: number; task: number; input: number; inputs: number } = await popup.evaluate('window.__busiest');
    const delay = busiest.inputs ? `${busiest.input.toFixed(0)} ms` : 'under 16 ms';
    console.log(
      `popup: ${files.length} files chosen, previewed and handed over in ${handedOver} ms; ${presses} key presses meanwhile, longest input delay ${delay} ` +
        `(target < 50 ms: ${verdict('popup input delay while 40 files are checked < 50 ms', busiest.input < 50, delay)}); ` +
        `longest task ${busiest.task.toFixed(0)} ms (0: none over 50 ms), a 10 ms timer at most ${busiest.lag.toFixed(0)} ms late`,
    );
  } finally {
    await popup.close();
    await rm(dir, { recursive: true, force: true });
  }
}
