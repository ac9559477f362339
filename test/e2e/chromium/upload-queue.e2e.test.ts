// The upload queue in real Chromium against the sandbox: it survives a stopped background and a
// browser restart, honours Retry-After for every request, refuses bad files without sending them,
// and delivers the exact bytes.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumWithExtension } from '../support/chromium';
import { launchChromiumWithExtension, openExtensionPage } from '../support/chromium';
import { launchConfigured } from '../support/configured-chromium';
import { jobErrorKind, lookupFromPage, uploadFromPage, waitForUpload } from '../support/page-calls';
import { CHROME_BUILD } from '../support/paths';
import { apiRequests, solidPng, startSandbox, type Sandbox } from '../support/sandbox-fixture';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const uploads = (s: Sandbox) => apiRequests(s).filter((r) => r.path === '/rest/api/v1/uploadimage');

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox?.close());
afterEach(() => sandbox.reset());

async function enqueue(options: Page, bytes: Uint8Array, metadata: Record<string, string>, name = 'x.png'): Promise<string> {
  const reply = await uploadFromPage(options, bytes, metadata, name);
  if (!reply.ok) throw new Error(reply.error.message);
  if (reply.value.status !== 'queued') throw new Error('unexpected duplicate');
  return reply.value.job.id;
}

describe('Chromium: the upload queue', () => {
  let browser: ChromiumWithExtension;
  let options: Page;
  beforeAll(async () => {
    ({ browser, options } = await launchConfigured(sandbox));
  });
  afterAll(() => browser?.close());

  it('finishes an upload cut off by stopping the background, and the sandbox holds it once', async () => {
    sandbox.knobs.latencyMs = 1500;
    const png = solidPng(40, 30, [200, 40, 40, 255]);
    const id = await enqueue(options, png, { type: 'UGC', id: 'cut-off' });
    await expect.poll(() => uploads(sandbox).length, { timeout: 10_000 }).toBe(1);

    // Stop the service worker the way Chrome does when it is idle: close its target.
    const cdp = await browser.context.newCDPSession(options);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
    expect(worker).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: worker!.targetId });
    const workers = async () =>
      ((await cdp.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] }).targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId)).length;
    await expect.poll(workers, { timeout: 5_000 }).toBe(0);
    sandbox.knobs.latencyMs = 0;

    // Any event starts it again; the queue then picks the job up.
    const done = await waitForUpload(options, id);
    expect(sandbox.images.getByMetadata({ type: 'UGC', id: 'cut-off' })?.bytes.equals(png)).toBe(true);
    expect(done.metadata).toEqual({ type: 'UGC', id: 'cut-off' });
    // The store keeps one image per metadata, so a duplicate upload would not show there: the
    // request log tells. Sent twice in all: the cut-off try and the one resend, with the bytes.
    const sent = uploads(sandbox).filter((r) => r.query.id === 'cut-off');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.bodySha256).toBe(sha(png));
    expect(await workers()).toBe(1); // a new background finished it
    await cdp.detach();
  });

  it('sends nothing, of any kind, before Retry-After has passed, then succeeds', async () => {
    sandbox.knobs.rateLimit = { count: 1, retryAfter: '2' };
    const id = await enqueue(options, solidPng(8, 8, [1, 2, 3, 255]), { type: 'UGC', id: 'rate-limited' });
    await expect.poll(() => uploads(sandbox).length).toBe(1);
    const first = uploads(sandbox)[0]!;
    expect(first.status).toBe(429);
    // The sandbox logs its answer as it sends it: wait until the extension has taken it in (the
    // job then says why it waits), or a lookup could still go out before the pause began.
    await expect.poll(() => jobErrorKind(options, id)).toBe('rate-limited');
    // A lookup during the pause is answered by the extension itself, without asking Glean.
    const lookup = await lookupFromPage(options, { type: 'USER', id: 'alice' });
    expect(lookup).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    await waitForUpload(options, id);
    const requests = apiRequests(sandbox);
    expect(requests.length).toBe(2);
    expect(requests[1]!.start - first.start).toBeGreaterThanOrEqual(2000);
    expect(requests[1]!.status).toBe(200);
  });

  it('refuses each bad file with its own message and sends none of them', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
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
      const reply = await uploadFromPage(options, bytes, { type: 'UGC' }, name);
      expect(reply.ok, name).toBe(false);
      const message = reply.ok ? '' : reply.error.message;
      expect(message, name).toMatch(expected);
      messages.push(message);
    }
    // 30 MB, built in the page: refused for its size.
    const big = await options.evaluate(async () => {
      const bytes = new Uint8Array(30 * 1024 * 1024);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      return (globalThis as any).chrome.runtime.sendMessage({ type: 'upload.enqueue', payload: { bytes: bytes.buffer, metadata: { type: 'UGC' }, source: { fileName: 'huge.png' } } });
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
      const id = await enqueue(options, bytes, { type: 'UGC', id: `exact-${name}` }, `${name}.png`);
      const done = await waitForUpload(options, id);
      const stored = sandbox.images.getByKey(done.key)!;
      expect(sha(stored.bytes), name).toBe(sha(bytes));
      expect(stored.contentType, name).toBe(type);
    }
  });
});

describe('Chromium: a browser restart', () => {
  it('completes all 5 jobs queued behind a slow sandbox after the browser is closed and relaunched', async () => {
    sandbox.knobs.latencyMs = 4000;
    const first = await launchConfigured(sandbox);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await enqueue(first.options, solidPng(10 + i, 10, [i * 40, 90, 160, 255]), { type: 'UGC', id: `restart-${i}` }));
    await expect.poll(() => uploads(sandbox).length).toBeGreaterThanOrEqual(1);
    const profile = first.browser.userDataDir;
    await first.browser.context.close(); // keeps the profile on disk
    sandbox.knobs.latencyMs = 0;

    const again = await launchChromiumWithExtension(CHROME_BUILD, { userDataDir: profile });
    try {
      const page = await openExtensionPage(again.context, again.extensionId, 'options.html');
      for (const id of ids) await waitForUpload(page, id, 30_000);
      for (let i = 0; i < 5; i++) expect(sandbox.images.getByMetadata({ type: 'UGC', id: `restart-${i}` })).toBeDefined();
    } finally {
      await again.close();
      await first.browser.close().catch(() => undefined);
    }
  });
});
