/**
 * Helpers for the chaos soak: noisy PNGs that take real work to check, every copy the sandbox
 * stores counted by its bytes, the service worker stopped the way Chrome stops it, and the
 * uploads in flight at that moment read from the sandbox's log.
 */
import { createHash } from 'node:crypto';
import type { CDPSession, Page } from 'playwright-core';
import { seededRandom } from '../../sandbox/chaos';
import { encodePng } from '../../sandbox/png';
import type { Sandbox } from './sandbox-fixture';

export const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** `count` distinct PNGs of random pixels (they compress badly, so each costs a real check). */
export function noisyPngs(count: number, seed: number, side = 160): Buffer[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const rgba = new Uint8Array(side * side * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = i % 4 === 3 ? 255 : Math.floor(random() * 256);
    return encodePng(side, side, rgba);
  });
}

/** Counts every image the sandbox stores, by the SHA-256 of its bytes (UGC keeps every copy). */
export function countStoredCopies(sandbox: Sandbox): Map<string, number> {
  const copies = new Map<string, number>();
  const put = sandbox.images.put.bind(sandbox.images);
  sandbox.images.put = (fields, bytes, contentType, opts) => {
    const print = sha(bytes);
    copies.set(print, (copies.get(print) ?? 0) + 1);
    return put(fields, bytes, contentType, opts);
  };
  return copies;
}

const uploadRecords = (sandbox: Sandbox) => sandbox.log.filter((r) => r.method === 'POST' && r.path.endsWith('/uploadimage'));

/** Upload requests the sandbox has seen, and how many of them are still open. */
export function uploadTraffic(sandbox: Sandbox): { seen: number; open: number } {
  const all = uploadRecords(sandbox);
  return { seen: all.length, open: all.filter((r) => r.end === null).length };
}

/** The extension's service workers, as DevTools lists them. */
async function workers(cdp: CDPSession, extensionId: string): Promise<string[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(extensionId)).map((t) => t.targetId);
}

/** What one stop did: when, and which uploads were open at the sandbox during it. */
export interface Stop {
  at: number;
  /** Upload requests open at the sandbox at any moment of the stop (an upper bound of those cut). */
  inFlight: number;
}

/** Stops the extension's service worker the way Chrome does when it is idle: closing its target. */
export async function stopWorker(cdp: CDPSession, extensionId: string, sandbox: Sandbox): Promise<Stop> {
  const [target] = await workers(cdp, extensionId);
  if (!target) throw new Error('no service worker to stop');
  const t0 = Date.now();
  await cdp.send('Target.closeTarget', { targetId: target });
  const t1 = Date.now();
  const inFlight = uploadRecords(sandbox).filter((r) => r.start <= t1 && (r.end === null || r.end >= t0)).length;
  return { at: t1, inFlight };
}

/** Rows of the Upload tab still being handed over. */
export function handingOver(popup: Page): Promise<number> {
  return popup.evaluate(() => [...document.querySelectorAll('p.hint[role="status"]')].filter((p) => p.textContent === 'Sending to the upload queue…').length);
}

export interface SoakState {
  jobs: { name: string; state: string; reason: string }[];
  history: { name: string; resent: boolean }[];
}

/** The queue and the history, as the background reports them. */
export function queueAndHistory(popup: Page): Promise<SoakState | null> {
  return popup.evaluate(async () => {
    const runtime = (globalThis as any).chrome.runtime;
    const status = await runtime.sendMessage({ type: 'upload.status', payload: null });
    const history = await runtime.sendMessage({ type: 'history.list', payload: { limit: 500 } });
    if (!status?.ok || !history?.ok) return null;
    return {
      jobs: status.value.jobs.map((j: any) => ({ name: j.source.fileName as string, state: j.state as string, reason: (j.error?.message ?? '') as string })),
      history: history.value.map((e: any) => ({ name: e.fileName as string, resent: Boolean(e.resent) })),
    };
  });
}

/**
 * Installed before the popup's own scripts: notes when the Upload form is submitted, and when each
 * `upload.enqueue` message leaves the page and comes back answered (for the hand-over figures).
 */
export function recordHandovers(): void {
  const w = globalThis as any;
  w.__soak = { submitAt: 0, sent: [] as { id: string; at: number }[], answered: [] as { id: string; at: number; ok: boolean }[] };
  document.addEventListener('submit', () => (w.__soak.submitAt = performance.now()), true);
  const runtime = w.chrome.runtime;
  const original = runtime.sendMessage.bind(runtime);
  runtime.sendMessage = (...args: any[]) => {
    const message = args[0];
    const result = original(...args);
    if (message?.type !== 'upload.enqueue') return result;
    const id = message.payload.handoverId;
    w.__soak.sent.push({ id, at: performance.now() });
    return Promise.resolve(result).then(
      (reply: any) => {
        w.__soak.answered.push({ id, at: performance.now(), ok: Boolean(reply?.ok) });
        return reply;
      },
      (error: unknown) => {
        w.__soak.answered.push({ id, at: performance.now(), ok: false });
        throw error;
      },
    );
  };
}

/** From the submit: when the last file's first hand-over left, and when the last one was answered. */
export function handoverFigures(popup: Page) {
  return popup.evaluate(() => {
    const s = (globalThis as any).__soak as { submitAt: number; sent: { id: string; at: number }[]; answered: { id: string; at: number; ok: boolean }[] };
    const first = new Map<string, number>();
    for (const m of s.sent) if (!first.has(m.id)) first.set(m.id, m.at);
    const ok = s.answered.filter((a) => a.ok);
    return {
      files: first.size,
      messages: s.sent.length,
      allLeftMs: Math.round(Math.max(...first.values()) - s.submitAt),
      allAnsweredMs: Math.round(Math.max(...ok.map((a) => a.at)) - s.submitAt),
      answeredOk: new Set(ok.map((a) => a.id)).size,
    };
  });
}
