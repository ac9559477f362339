// The chaos soak: 60 files chosen at once in the popup's Upload tab, against a sandbox that answers
// 500 (10 %), 429 with Retry-After: 1 (5 %) and cuts the connection before (5 %) or after (5 %)
// storing, while the background is stopped three times, the first during the hand-over. Nothing
// may be lost; extra copies may come only from cuts after storing and from uploads in flight at a
// stop; every job ends done or failed with its reason.
// One seeded run in `npm test`; CHAOS_SEEDS=1,2,3 or CHAOS_RUNS=10 (seeds 1..10) for more.
// And the popup closed as soon as its 60 files have left it: the background uploads every one.
import { appendFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchConfigured } from '../support/configured-chromium';
import { startSandbox, type Sandbox } from '../support/sandbox-fixture';
import {
  countStoredCopies, handingOver, handoverFigures, noisyPngs, queueAndHistory, recordHandovers, sha, stopWorker, uploadTraffic, type SoakState, type Stop,
} from '../support/soak';

const FILES = 60;
/** Uploads the extension sends at a time (its default). */
const CONCURRENCY = 3;
const PENDING = new Set(['queued', 'uploading', 'paused']);
const REPORT = resolve('test-results/chaos-soak.jsonl');

function seeds(): number[] {
  if (process.env.CHAOS_SEEDS) return process.env.CHAOS_SEEDS.split(',').map(Number);
  const runs = Number(process.env.CHAOS_RUNS ?? 1);
  return Array.from({ length: runs }, (_, i) => i + 1);
}

let sandbox: Sandbox;
let copies: Map<string, number>;
beforeAll(async () => {
  mkdirSync(resolve('test-results'), { recursive: true });
  sandbox = await startSandbox();
  copies = countStoredCopies(sandbox);
});
afterAll(() => sandbox?.close());

it.each(seeds())('seed %i: 60 files, chaos and 3 background stops: none lost, extra copies within the bound', async (seed) => {
  const started = Date.now();
  sandbox.reset();
  copies.clear();
  const { browser } = await launchConfigured(sandbox);
  try {
    // Latency keeps uploads in flight long enough for a stop to find some.
    sandbox.knobs.latencyMs = 120;
    sandbox.chaos.configure({ seed, error: 0.1, rateLimit: 0.05, retryAfter: '1', cutBefore: 0.05, cutAfter: 0.05, scope: 'uploads' });
    const files = noisyPngs(FILES, seed);
    const names = files.map((_, i) => `soak-${String(i).padStart(2, '0')}.png`);
    const popup = await browser.context.newPage();
    await popup.addInitScript(recordHandovers);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('input[type="file"]').setInputFiles(files.map((buffer, i) => ({ name: names[i]!, mimeType: 'image/png', buffer })));
    await expect.poll(() => popup.locator('.items > li').count()).toBe(FILES);
    await popup.getByLabel('ID', { exact: true }).fill(`soak-${seed}`);
    const cdp = await browser.context.newCDPSession(popup);
    const stops: Stop[] = [];

    // Stop 1: during the hand-over, once the first few files are in the queue.
    await popup.getByRole('button', { name: 'Upload', exact: true }).click();
    await popup.waitForFunction((n) => {
      const sending = [...document.querySelectorAll('p.hint[role="status"]')].filter((p) => p.textContent === 'Sending to the upload queue…').length;
      return sending > 0 && sending <= n - 3;
    }, FILES, { polling: 5, timeout: 30_000 });
    stops.push(await stopWorker(cdp, browser.extensionId, sandbox));
    const cutDuringHandover = await handingOver(popup);
    expect(cutDuringHandover, 'files still being handed over when the background stopped').toBeGreaterThan(0);

    // Stops 2 and 3: while uploads are in flight, a third and two thirds of the way.
    for (const seen of [FILES / 3, (2 * FILES) / 3]) {
      await expect.poll(() => { const t = uploadTraffic(sandbox); return t.seen >= seen && t.open > 0; }, { timeout: 45_000, interval: 10 }).toBe(true);
      stops.push(await stopWorker(cdp, browser.extensionId, sandbox));
      // Woken by the next message, as when the user looks at the queue (else its alarm would wake
      // it within a minute, or the popup asking for a finished image's picture).
      await queueAndHistory(popup);
    }

    // Until every file is handed over and no job is pending (asking wakes a stopped background).
    const last: { seen: SoakState | null } = { seen: null };
    await expect.poll(async () => {
      const now = (last.seen = await queueAndHistory(popup));
      return Boolean(now && (await handingOver(popup)) === 0 && !now.jobs.some((j) => PENDING.has(j.state)));
    }, { timeout: 60_000, interval: 250 }).toBe(true);
    const { jobs, history } = last.seen!;
    const handover = await handoverFigures(popup);

    // No hand-over failed for good: every row reached the queue.
    expect(await popup.locator('.items [role="alert"]').count()).toBe(0);
    expect(handover.answeredOk).toBe(FILES);
    // Every job ended done (in history) or failed with its reason.
    // (A job recorded done may wait a moment to be filed into history.)
    const failed = jobs.filter((j) => j.state === 'failed');
    expect(jobs.filter((j) => j.state !== 'failed' && j.state !== 'done')).toEqual([]);
    for (const j of failed) expect(j.reason, j.name).not.toBe('');
    // A failure may be Glean's or the network's, never ours: a stored job always keeps its bytes
    // (a restart's clean-up once took the bytes of jobs whose records were on their way).
    expect(failed.filter((j) => j.reason === 'The bytes of this upload are missing.')).toEqual([]);
    const done = new Set([...history.map((e) => e.name), ...jobs.filter((j) => j.state === 'done').map((j) => j.name)]);
    const lost = names.filter((n, i) => !copies.get(sha(files[i]!)) && !failed.some((j) => j.name === n));
    expect(lost).toEqual([]);
    expect(names.filter((n) => !done.has(n) && !failed.some((j) => j.name === n))).toEqual([]);
    // Extra copies only where the outcome could not be known.
    const extra = files.reduce((sum, f) => sum + Math.max(0, (copies.get(sha(f)) ?? 0) - 1), 0);
    // A stop can cost at most the uploads in flight, whose answers never reached the extension (as
    // many as it sends at a time, 3), and the answers whose "done" was still being written (at most
    // as many again: past that an answer keeps its slot). The sandbox's view, at each stop, is reported too.
    const inFlight = stops.map((s) => s.inFlight);
    const bound = sandbox.chaos.stats.cutAfterStored + 2 * CONCURRENCY * stops.length;

    const figures = {
      seed, files: FILES, lost: lost.length, extraCopies: extra, bound, cutAfterStored: sandbox.chaos.stats.cutAfterStored,
      inFlightAtStops: inFlight, handedOverAtStop1: FILES - cutDuringHandover, chaos: sandbox.chaos.stats,
      failed: failed.map((j) => `${j.name}: ${j.reason}`), markedSentAgain: history.filter((e) => e.resent).length,
      handover, seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    const t0 = stops[0]!.at;
    const doubles = files.filter((f) => (copies.get(sha(f)) ?? 0) > 1).map((f) =>
      sandbox.log.filter((r) => r.bodySha256 === sha(f)).map((r) => [r.start - t0, r.end === null ? null : r.end - t0, r.status, r.fault]));
    appendFileSync(REPORT, `${JSON.stringify({ ...figures, stopsAt: stops.map((x) => x.at - t0), doubles })}\n`);
    console.log('[chaos-soak]', JSON.stringify(figures));
    expect(extra).toBeLessThanOrEqual(bound);
    await cdp.detach();
  } finally {
    await browser.close();
  }
}, 90_000);

it('closing the popup as soon as its files have left it drops none of them', async () => {
  sandbox.reset();
  copies.clear();
  const { browser } = await launchConfigured(sandbox);
  try {
    const files = noisyPngs(FILES, 99);
    const popup = await browser.context.newPage();
    await popup.addInitScript(recordHandovers);
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('input[type="file"]').setInputFiles(files.map((buffer, i) => ({ name: `closed-${i}.png`, mimeType: 'image/png', buffer })));
    await expect.poll(() => popup.locator('.items > li').count()).toBe(FILES);
    await popup.getByLabel('ID', { exact: true }).fill('closed');
    await popup.getByRole('button', { name: 'Upload', exact: true }).click();
    await popup.waitForFunction((n) => new Set((globalThis as any).__soak.sent.map((m: { id: string }) => m.id)).size === n, FILES, { polling: 5 });
    const { answeredOk, allLeftMs } = await handoverFigures(popup);
    await popup.close();
    // Most were not even checked yet when the popup went (3 to 35 of 60 were, in the runs seen
    // here); the background finishes them alone.
    await expect.poll(() => files.filter((f) => !copies.get(sha(f))).length, { timeout: 60_000, interval: 100 }).toBe(0);
    console.log('[chaos-soak] popup closed', allLeftMs, 'ms after the click, with', answeredOk, 'of', FILES, 'files answered');
  } finally {
    await browser.close();
  }
}, 90_000);
