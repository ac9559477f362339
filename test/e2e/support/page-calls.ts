/**
 * Calls the background from an extension page with binary payloads, as the popup does. Playwright
 * cannot pass an ArrayBuffer into a page, so bytes cross as a number array and are rebuilt there.
 */
import type { Page } from 'playwright-core';

type Reply<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };
type Enqueued = { status: 'queued'; job: { id: string; state: string } } | { status: 'duplicate'; earlier: { id: string; key: string } };
export interface FinishedUpload {
  id: string;
  key: string;
  url: string;
  metadata: Record<string, string>;
}

/** Puts bytes in the upload queue through the background's `upload.enqueue`. */
export function uploadFromPage(page: Page, bytes: Uint8Array, metadata: Record<string, string>, fileName = 'upload.png', extra: Record<string, unknown> = {}) {
  return page.evaluate(
    ([data, meta, name, more]) =>
      (globalThis as any).chrome.runtime.sendMessage({
        type: 'upload.enqueue',
        payload: { bytes: new Uint8Array(data).buffer, metadata: meta, source: { fileName: name }, ...more },
      }),
    [Array.from(bytes), metadata, fileName, extra] as const,
  ) as Promise<Reply<Enqueued>>;
}

/** Waits until a job has left the queue and returns its history entry (or its failure). */
export async function waitForUpload(page: Page, jobId: string, timeoutMs = 20_000): Promise<FinishedUpload> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // No named helpers inside: tsx (npm start) would wrap them in a __name() the page lacks.
    const found = await page.evaluate(async (id) => {
      const runtime = (globalThis as any).chrome.runtime;
      const status = await runtime.sendMessage({ type: 'upload.status', payload: null });
      const job = status.value.jobs.find((j: { id: string }) => j.id === id);
      if (job?.state === 'failed') return { failed: job.error?.message ?? 'failed' };
      if (job) return null;
      const history = await runtime.sendMessage({ type: 'history.list', payload: { limit: 500 } });
      const entry = history.value.find((e: { id: string }) => e.id === id);
      return entry ? { entry: { id: entry.id, key: entry.key, url: entry.url, metadata: entry.metadata } } : null;
    }, jobId);
    if (found && 'failed' in found) throw new Error(`Upload failed: ${found.failed}`);
    if (found) return found.entry as FinishedUpload;
    if (Date.now() > deadline) throw new Error(`Upload ${jobId} did not finish in ${timeoutMs} ms.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Why a queued job waits, as the background says it (e.g. 'rate-limited'), or undefined. */
export function jobErrorKind(page: Page, jobId: string): Promise<string | undefined> {
  return page.evaluate(async (id) => {
    const status = await (globalThis as any).chrome.runtime.sendMessage({ type: 'upload.status', payload: null });
    return status.value.jobs.find((j: { id: string }) => j.id === id)?.error?.kind as string | undefined;
  }, jobId);
}

/** Looks an image up through the background's `image.get`; returns its type and size. */
export function lookupFromPage(page: Page, query: Record<string, string>) {
  return page.evaluate(async (q) => {
    const reply = await (globalThis as any).chrome.runtime.sendMessage({ type: 'image.get', payload: { query: q } });
    if (!reply.ok) return reply;
    return { ok: true, value: { contentType: reply.value.contentType as string, byteLength: (reply.value.bytes as ArrayBuffer).byteLength } };
  }, query) as Promise<Reply<{ contentType: string; byteLength: number }>>;
}
