/**
 * Screenshot benchmark, in Chromium and Firefox (headful under Xvfb, so the shortcut is a real key
 * press that grants activeTab): from the key press to the screenshot's job stored in the upload
 * queue (the queue's broadcast reaching an extension page), with "capture and upload at once".
 * Visible area of a 1000x700 viewport, and a whole page 10 screens tall. Targets from issue 18:
 * visible <= 300 ms; whole page <= 7 s in Chrome (its limit of two captures a second alone takes
 * about 5 s for 10 screens) and <= 1 s in Firefox (one capture).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { launchConfigured } from '../../test/e2e/support/configured-chromium';
import { launchConfiguredFirefox } from '../../test/e2e/support/configured-firefox';
import { FIREFOX_BUILD } from '../../test/e2e/support/paths';
import { startXvfb } from '../../test/e2e/support/screenshots';
import type { Sandbox } from '../../test/sandbox/server';
import { median, verdict } from './targets';

const run = promisify(execFile);
const ROUNDS = { visible: 5, page: 3 };
const SCREENS = 10;

/** What the bench needs of a page, the same for Playwright and puppeteer. */
interface Driven {
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  setContent(html: string): Promise<void>;
}

const colour = (n: number) => `#${((n * 2654435761) >>> 8 & 0xffffff).toString(16).padStart(6, '0')}`;
// A different picture every round: the same bytes and metadata would be offered as the earlier upload.
const visibleHtml = (round: number) => `<!doctype html><body style="margin:0;overflow:hidden;background:${colour(round + 1)}"><h1>round ${round}</h1></body>`;
const tallHtml = (round: number) =>
  `<!doctype html><body style="margin:0">${Array.from({ length: SCREENS }, (_, i) => `<section style="height:100vh;background:${colour(round * 31 + i + 7)}"></section>`).join('')}</body>`;

/** Listens in an extension page for the queue's news of a new screenshot job; records when it came. */
function listen(): void {
  const w = window as unknown as { shotStoredAt: number; seen: Set<string> };
  w.shotStoredAt = 0;
  w.seen = new Set();
  const api = ((globalThis as any).browser ?? (globalThis as any).chrome).runtime;
  api.onMessage.addListener((m: { event?: string; jobs?: { id: string; source: { fileName?: string } }[] }) => {
    if (m?.event !== 'queue.changed' || !m.jobs) return;
    for (const job of m.jobs) {
      if (!job.source.fileName?.startsWith('screenshot-') || w.seen.has(job.id)) continue;
      w.seen.add(job.id);
      w.shotStoredAt = Date.now();
    }
  });
}

function atOnce(): Promise<unknown> {
  const api = ((globalThis as any).browser ?? (globalThis as any).chrome).runtime;
  return api.sendMessage({ type: 'screenshot.preferences.save', payload: { type: 'FEEDBACK', uploadAtOnce: true, autoCopy: 'none', format: 'png', quality: 0.9 } });
}


async function measure(display: string, options: Driven, page: Driven, keys: string, html: (round: number) => string, rounds: number): Promise<number[]> {
  const env = { ...process.env, DISPLAY: display };
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    await page.setContent(html(round));
    await options.evaluate(() => ((window as unknown as { shotStoredAt: number }).shotStoredAt = 0), null);
    // A click gives the page's window the keyboard (no window manager); the time starts at the key.
    await run('xdotool', ['mousemove', '500', '400', 'click', '1'], { env });
    await new Promise((r) => setTimeout(r, 300));
    const start = Date.now();
    await run('xdotool', ['key', keys], { env });
    const deadline = Date.now() + 30_000;
    let stored = 0;
    while (!stored && Date.now() < deadline) {
      stored = await options.evaluate(() => (window as unknown as { shotStoredAt: number }).shotStoredAt, null);
      if (!stored) await new Promise((r) => setTimeout(r, 20));
    }
    if (!stored) throw new Error(`screenshot bench: no job stored within 30 s (${keys}, round ${round})`);
    times.push(stored - start);
    // Chrome's two captures a second count across rounds too.
    await new Promise((r) => setTimeout(r, 1100));
  }
  return times;
}

function report(browserName: string, kind: string, times: number[], targetMs: number, extra = ''): void {
  const m = median(times);
  console.log(`screenshots (${browserName}): ${kind}, key press to job stored: ${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${m.toFixed(0)} ms (target <= ${targetMs} ms: ${verdict(`screenshots (${browserName}): ${kind} <= ${targetMs} ms`, m <= targetMs, `${m.toFixed(0)} ms`)})${extra}`);
}

/** Both browsers, one after the other, on one virtual display. */
export async function runScreenshotBench(sandbox: Sandbox): Promise<void> {
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { stdio: 'pipe' });
  const xvfb = await startXvfb();
  try {
    const { browser, options: chromeOptionsPage } = await launchConfigured(sandbox, { headless: false });
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1000, height: 700 });
      await page.goto(`${sandbox.origin}/demo/`);
      await chromeOptionsPage.evaluate(listen);
      await chromeOptionsPage.evaluate(atOnce);
      await page.bringToFront();
      const chromePage: Driven = { evaluate: (fn, arg) => page.evaluate(fn as never, arg), setContent: (html) => page.setContent(html) };
      const chromeOptions: Driven = { evaluate: (fn, arg) => chromeOptionsPage.evaluate(fn as never, arg), setContent: async () => undefined };
      report('Chromium', 'visible area', await measure(xvfb.display, chromeOptions, chromePage, 'alt+shift+y', visibleHtml, ROUNDS.visible), 300);
      // Each screen but the first waits for Chrome's capture rate: (screens - 1) x 520 ms at least.
      report('Chromium', `whole page of ${SCREENS} screens`, await measure(xvfb.display, chromeOptions, chromePage, 'alt+shift+o', tallHtml, ROUNDS.page), 7000, `; the rate limit alone: ${((SCREENS - 1) * 0.52).toFixed(1)} s`);
    } finally {
      await browser.close();
    }
    const { firefox, options } = await launchConfiguredFirefox(sandbox, FIREFOX_BUILD, { headless: false });
    try {
      const page = await firefox.browser.newPage();
      await page.setViewport({ width: 1000, height: 700 });
      await page.goto(`${sandbox.origin}/demo/`);
      await options.evaluate(listen);
      await options.evaluate(atOnce);
      await page.bringToFront();
      const ffPage: Driven = { evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never, setContent: (html) => page.setContent(html) };
      const ffOptions: Driven = { evaluate: (fn, arg) => options.evaluate(fn as never, arg) as never, setContent: async () => undefined };
      report('Firefox', 'visible area', await measure(xvfb.display, ffOptions, ffPage, 'alt+shift+y', visibleHtml, ROUNDS.visible), 300);
      report('Firefox', `whole page of ${SCREENS} screens`, await measure(xvfb.display, ffOptions, ffPage, 'alt+shift+o', tallHtml, ROUNDS.page), 1000);
    } finally {
      await firefox.close();
    }
  } finally {
    await xvfb.stop();
  }
}
