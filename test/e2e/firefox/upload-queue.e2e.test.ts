// The upload queue in Firefox ESR against the sandbox, with the Chromium file's assertions: a 429
// holds every request until Retry-After; bad files are refused unsent; the exact bytes arrive. The
// profile lets the event page idle only 1 s (Firefox's default is 30 s) before it is suspended.
//
// A browser restart drops an add-on installed over BiDi (a temporary one), so the restart test
// installs the build into a profile of its own instead, as a sideloaded unpacked add-on (a proxy
// file in the profile's extensions folder; ESR loads it unsigned with the test profile's prefs).
//
// Not here, and why (measured on ESR 153): Chromium's "cut off mid-upload" case cannot happen by
// idling: with a 1 s idle timeout and a 4 s answer the upload finished in one request, the event
// page not suspended while its fetch was pending; and runtime.reload(), the only restart of the
// background alone reachable from a test, left no tab puppeteer could see and the job unsent for
// 30 s.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxProfile, launchFirefoxWithExtension, findExtensionPage, sideload, type FirefoxWithExtension } from '../support/firefox';
import { FIREFOX_BUILD } from '../support/paths';
import { apiRequests, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const uploads = (s: Sandbox) => apiRequests(s).filter((r) => r.path === '/rest/api/v1/uploadimage');
type Reply<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

// Firefox suspends an idle event page after 30 s; one second here, shorter than the Retry-After wait.
const IDLE_MS = 1000;

let sandbox: Sandbox;
let firefox: FirefoxWithExtension;
let options: Page;

beforeAll(async () => {
  sandbox = await startSandbox();
  firefox = await launchFirefoxWithExtension(FIREFOX_BUILD, { prefs: { 'extensions.background.idle.timeout': IDLE_MS } });
  options = await findExtensionPage(firefox.browser, `${firefox.baseUrl}options.html`, 15_000);
  await options.locator('#backend').fill(sandbox.origin);
  await options.locator('button[data-method="token"]').click(); // a fresh install starts on signing in with Glean
  await options.locator('#token').fill(sandbox.tokens.user);
  await options.locator('form button[type="submit"]').click();
  await options.waitForFunction(() => document.querySelector('form [role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });
});
afterAll(async () => {
  await firefox?.close();
  await sandbox?.close();
});
afterEach(() => sandbox.reset());

function send<T>(type: string, payload: unknown): Promise<Reply<T>> {
  return options.evaluate((t, p) => (globalThis as any).browser.runtime.sendMessage({ type: t, payload: p }), type, payload) as Promise<Reply<T>>;
}

/** Puts bytes in the queue through `upload.enqueue`; bytes cross as numbers and are rebuilt in the page. */
function enqueueReply(bytes: Uint8Array, metadata: Record<string, string>, fileName = 'x.png') {
  return options.evaluate(
    (data, meta, name) => (globalThis as any).browser.runtime.sendMessage({ type: 'upload.enqueue', payload: { bytes: new Uint8Array(data).buffer, metadata: meta, source: { fileName: name } } }),
    Array.from(bytes),
    metadata,
    fileName,
  ) as Promise<Reply<{ status: string; job: { id: string } }>>;
}

async function enqueue(bytes: Uint8Array, metadata: Record<string, string>, fileName = 'x.png'): Promise<string> {
  const reply = await enqueueReply(bytes, metadata, fileName);
  if (!reply.ok) throw new Error(reply.error.message);
  if (reply.value.status !== 'queued') throw new Error('unexpected duplicate');
  return reply.value.job.id;
}

/** Waits until a job has left the queue and returns its history entry. */
async function waitForUpload(jobId: string, timeoutMs = 20_000): Promise<{ key: string; metadata: Record<string, string> }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await send<{ jobs: { id: string; state: string; error?: { message: string } }[] }>('upload.status', null);
    const job = status.ok ? status.value.jobs.find((j) => j.id === jobId) : undefined;
    if (job?.state === 'failed') throw new Error(`Upload failed: ${job.error?.message}`);
    if (!job) {
      const history = await send<{ id: string; key: string; metadata: Record<string, string> }[]>('history.list', { limit: 500 });
      const entry = history.ok ? history.value.find((e) => e.id === jobId) : undefined;
      if (entry) return entry;
    }
    if (Date.now() > deadline) throw new Error(`Upload ${jobId} did not finish in ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Firefox: the upload queue', () => {
  it('sends nothing, of any kind, before Retry-After has passed, then succeeds', async () => {
    sandbox.knobs.rateLimit = { count: 1, retryAfter: '2' };
    const id = await enqueue(solidPng(8, 8, [1, 2, 3, 255]), { type: 'UGC', id: 'rate-limited' });
    await expect.poll(() => uploads(sandbox).length).toBe(1);
    const first = uploads(sandbox)[0]!;
    expect(first.status).toBe(429);
    // The sandbox logs its answer as it sends it: wait until the extension has taken it in (the
    // job then says why it waits), or a lookup could still go out before the pause began.
    await expect
      .poll(async () => {
        const status = await send<{ jobs: { id: string; error?: { kind: string } }[] }>('upload.status', null);
        return status.ok ? status.value.jobs.find((j) => j.id === id)?.error?.kind : undefined;
      })
      .toBe('rate-limited');
    // A lookup during the pause is answered by the extension itself, without asking Glean.
    expect(await send('image.get', { query: { type: 'USER', id: 'alice' } })).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    await waitForUpload(id);
    const requests = apiRequests(sandbox);
    expect(requests.length).toBe(2);
    expect(requests[1]!.start - first.start).toBeGreaterThanOrEqual(2000);
    expect(requests[1]!.status).toBe(200);
  });

  it('refuses each bad file with its own message and sends none of them', async () => {
    const text = (t: string) => new TextEncoder().encode(t);
    const png = solidPng(20, 20, [0, 0, 0, 255]);
    const corpus: [string, Uint8Array, RegExp][] = [
      ['page.png', text('<!doctype html><html><body>Not an image</body></html>'), /HTML/i],
      ['drawing.svg', text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'), /SVG/],
      ['empty.png', new Uint8Array(0), /empty/i],
      ['truncated.png', png.subarray(0, png.length - 20), /incomplete|cut off|damaged/i],
      ['notes.png', text('just some notes, not a picture'), /text/i],
    ];
    const messages: string[] = [];
    for (const [name, bytes, expected] of corpus) {
      const reply = await enqueueReply(bytes, { type: 'UGC' }, name);
      expect(reply.ok, name).toBe(false);
      const message = reply.ok ? '' : reply.error.message;
      expect(message, name).toMatch(expected);
      messages.push(message);
    }
    // 30 MB, built in the page: refused for its size.
    const big = await options.evaluate(async () => {
      const bytes = new Uint8Array(30 * 1024 * 1024);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return (globalThis as any).browser.runtime.sendMessage({ type: 'upload.enqueue', payload: { bytes: bytes.buffer, metadata: { type: 'UGC' }, source: { fileName: 'huge.png' } } });
    });
    expect(big).toMatchObject({ ok: false, error: { message: expect.stringMatching(/30(\.0)? MB.*20 MB|limit/) } });
    messages.push(big.error.message);
    expect(new Set(messages).size).toBe(messages.length);
    expect(uploads(sandbox)).toEqual([]);
  });

  it('delivers byte-identical PNG, JPEG, GIF and WebP files with the type of their bytes', async () => {
    // JPEG and WebP from the browser's own encoder; GIF by hand (a 1x1 image).
    const encoded = await options.evaluate(async () => {
      const canvas = new OffscreenCanvas(24, 16);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#3a7'; ctx.fillRect(0, 0, 24, 16); ctx.fillStyle = '#e33'; ctx.fillRect(4, 4, 8, 8);
      const out: Record<string, number[]> = {};
      for (const type of ['image/jpeg', 'image/webp']) out[type] = Array.from(new Uint8Array(await (await canvas.convertToBlob({ type, quality: 0.9 })).arrayBuffer()));
      return out;
    });
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
    const files: [string, Uint8Array, string][] = [
      ['a.png', solidPng(24, 16, [10, 120, 200, 255]), 'image/png'],
      ['b.jpg', Uint8Array.from(encoded['image/jpeg']!), 'image/jpeg'],
      ['c.gif', gif, 'image/gif'],
      ['d.webp', Uint8Array.from(encoded['image/webp']!), 'image/webp'],
    ];
    for (const [name, bytes, type] of files) {
      // Named wrongly on purpose: the type comes from the bytes.
      const id = await enqueue(bytes, { type: 'UGC', id: `exact-${name}` }, `${name}.png`);
      const done = await waitForUpload(id);
      const stored = sandbox.images.getByKey(done.key)!;
      expect(sha(stored.bytes), name).toBe(sha(bytes));
      expect(stored.contentType, name).toBe(type);
    }
  });
});

describe('Firefox: a browser restart', () => {
  const profile = mkdtempSync(join(tmpdir(), 'e2e-firefox-profile-'));
  const dir = resolve(FIREFOX_BUILD);
  const geckoId = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id as string;
  const uuid = randomUUID();
  const launch = (): Promise<Browser> => launchFirefoxProfile(profile, geckoId, uuid);
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  });

  it('completes all 5 jobs queued behind a slow sandbox after the browser is closed and relaunched', async () => {
    sideload(profile, geckoId, dir);
    browser = await launch();
    const page = await findExtensionPage(browser, `moz-extension://${uuid}/options.html`, 15_000);
    await page.locator('#backend').fill(sandbox.origin);
    await page.locator('button[data-method="token"]').click(); // a fresh install starts on signing in with Glean
    await page.locator('#token').fill(sandbox.tokens.user);
    await page.locator('form button[type="submit"]').click();
    await page.waitForFunction(() => document.querySelector('form [role="status"]')?.textContent === 'Saved.', { timeout: 15_000 });
    sandbox.knobs.latencyMs = 4000;
    for (let i = 0; i < 5; i++) {
      const png = solidPng(10 + i, 10, [i * 40, 90, 160, 255]);
      const reply = (await page.evaluate(
        (data, n) => (globalThis as any).browser.runtime.sendMessage({ type: 'upload.enqueue', payload: { bytes: new Uint8Array(data).buffer, metadata: { type: 'UGC', id: `restart-${n}` }, source: { fileName: 'x.png' } } }),
        Array.from(png),
        i,
      )) as Reply<{ status: string }>;
      expect(reply).toMatchObject({ ok: true, value: { status: 'queued' } });
    }
    await expect.poll(() => uploads(sandbox).length).toBeGreaterThanOrEqual(1);
    await browser.close();
    // At most 3 at a time: some jobs had not even been sent when the browser went.
    const sentBefore = uploads(sandbox).length;
    expect(sentBefore).toBeLessThan(5);
    sandbox.knobs.latencyMs = 0;

    // Nobody asks: the background starts with the browser and resumes the queue by itself.
    browser = await launch();
    await expect
      .poll(() => [0, 1, 2, 3, 4].filter((i) => sandbox.images.getByMetadata({ type: 'UGC', id: `restart-${i}` })).length, { timeout: 30_000 })
      .toBe(5);
    expect(uploads(sandbox).length).toBeGreaterThan(sentBefore);
    for (let i = 0; i < 5; i++) {
      expect(sandbox.images.getByMetadata({ type: 'UGC', id: `restart-${i}` })!.bytes.equals(solidPng(10 + i, 10, [i * 40, 90, 160, 255]))).toBe(true);
    }
  });
});
