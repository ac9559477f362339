import { describe, expect, it, vi } from 'vitest';
import type { ImageQuery } from '../../../src/glean/types';
import type { ResolvedImage } from '../../../src/messaging/protocol';
import { MessageError } from '../../../src/messaging/send';
import { ResolveQueue, type Outcome } from '../../../src/content/resolve-queue';

const tick = () => new Promise((r) => setTimeout(r, 0));
const okFor = (refs: ImageQuery[]): ResolvedImage[] => refs.map(() => ({ ok: true, bytes: new ArrayBuffer(1), contentType: 'image/png' }));

function harness(answer: (refs: ImageQuery[]) => Promise<ResolvedImage[]> = async (refs) => okFor(refs), opts: { batchSize?: number; inFlight?: number } = {}) {
  const batches: string[][] = [];
  const results: [string, Outcome][] = [];
  let release: (() => void)[] = [];
  const hold = { on: false };
  const q = new ResolveQueue({
    ...opts,
    async send(refs) {
      batches.push(refs.map((r) => ('key' in r ? r.key : r.type)));
      if (hold.on) await new Promise<void>((r) => release.push(r));
      return answer(refs);
    },
    onResult: (id, outcome) => void results.push([id, outcome]),
  });
  return { q, batches, results, hold, releaseAll: () => (release.splice(0).forEach((r) => r()), undefined) };
}

describe('ResolveQueue', () => {
  it('collects what one task asks into batches, each image once', async () => {
    const h = harness(undefined, { batchSize: 3 });
    for (const k of ['a', 'b', 'a', 'c', 'd']) h.q.request(k, { key: k }, false);
    await tick();
    expect(h.batches).toEqual([['a', 'b', 'c'], ['d']]);
    await tick();
    expect(h.results.map(([id]) => id).sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('sends near-viewport images first, in batches of their own', async () => {
    const h = harness(undefined, { batchSize: 2, inFlight: 1 });
    h.q.request('far1', { key: 'far1' }, false);
    h.q.request('near1', { key: 'near1' }, true);
    h.q.request('far2', { key: 'far2' }, false);
    h.q.request('far1', { key: 'far1' }, true); // scrolled into view before it was sent
    h.q.request('near2', { key: 'near2' }, true);
    await vi.waitFor(() => expect(h.batches.length).toBe(3));
    expect(h.batches).toEqual([['far1', 'near1'], ['near2'], ['far2']]);
  });

  it('keeps no more than `inFlight` batches on their way, and never asks twice for one in flight', async () => {
    const h = harness(undefined, { batchSize: 1, inFlight: 2 });
    h.hold.on = true;
    for (const k of ['a', 'b', 'c']) h.q.request(k, { key: k }, false);
    await tick();
    expect(h.batches).toEqual([['a'], ['b']]);
    h.q.request('a', { key: 'a' }, true);
    expect(h.q.has('a')).toBe(true);
    h.hold.on = false;
    h.releaseAll();
    await vi.waitFor(() => expect(h.results).toHaveLength(3));
    expect(h.batches).toEqual([['a'], ['b'], ['c']]);
  });

  it('asks again at once for images the background deferred (answer full)', async () => {
    let first = true;
    const h = harness(async (refs) => {
      const out = okFor(refs);
      if (first) out[1] = { ok: false, error: { kind: 'deferred', message: 'full' } };
      first = false;
      return out;
    });
    h.q.request('a', { key: 'a' }, false);
    h.q.request('b', { key: 'b' }, false);
    await vi.waitFor(() => expect(h.results).toHaveLength(2));
    expect(h.batches).toEqual([['a', 'b'], ['b']]);
  });

  it('turns a failed message into a failure for each image of the batch, with the reason', async () => {
    const h = harness(async () => {
      throw new MessageError({ kind: 'invalid-input', message: 'Showing Glean images is not enabled on this site.' });
    });
    h.q.request('a', { key: 'a' }, false);
    h.q.request('b', { key: 'b' }, false);
    await vi.waitFor(() => expect(h.results).toHaveLength(2));
    expect(h.results[0]![1]).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'Showing Glean images is not enabled on this site.' } });
    expect(h.q.has('a')).toBe(false);
  });
});
