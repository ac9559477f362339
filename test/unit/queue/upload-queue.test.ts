import { beforeEach, describe, expect, it } from 'vitest';
import { getHistory, listHistory } from '../../../src/db/history';
import { addJob, getJob, getJobBytes, listJobs } from '../../../src/db/jobs';
import { GleanError } from '../../../src/glean/errors';
import type { Job } from '../../../src/queue/types';
import { freshDb, makeHarness, prepared, settle } from './queue-harness';

const UGC = { type: 'UGC' as const, id: 'doc-1' };

beforeEach(freshDb);

describe('UploadQueue: the life of a job', () => {
  it('stores the job with its bytes before the upload starts, then moves it to history', async () => {
    const h = makeHarness();
    h.script('hang');
    const result = await h.queue.enqueue({ prepared: prepared('png-bytes'), metadata: UGC, source: { fileName: 'a.png' } });
    expect(result.status).toBe('queued');
    await settle();
    const stored = (await listJobs())[0]!;
    expect(stored.state).toBe('uploading');
    expect(await (await getJobBytes(stored.id))!.text()).toBe('png-bytes');
    expect(h.calls).toHaveLength(1);
    expect(h.uploadedBytes).toEqual(['png-bytes']);

    h.hanging[0]!.resolve({ url: 'http://glean/images?key=abc', key: 'abc' });
    await settle();
    await h.queue.previewsWritten();
    expect(await listJobs()).toEqual([]);
    const [entry] = await listHistory(10);
    expect(entry).toMatchObject({ key: 'abc', url: 'http://glean/images?key=abc', metadata: UGC, fileName: 'a.png', mime: 'image/png' });
    expect(entry!.thumbnail).toBeInstanceOf(Blob);
    expect(await getJobBytes(stored.id)).toBeUndefined();
    expect(h.events.map((e) => e.job.state)).toEqual(['queued', 'uploading', 'done']);
    expect(h.events.at(-1)!.job.result?.key).toBe('abc');
  });

  it('makes history previews only once nothing is being sent: their decoding waits for the uploads', async () => {
    const h = makeHarness({ concurrency: 2 });
    h.script('hang', 'hang');
    await h.queue.enqueue({ prepared: prepared('first'), metadata: UGC, source: {} });
    await h.queue.enqueue({ prepared: prepared('second'), metadata: UGC, source: {} });
    await settle();
    h.hanging[0]!.resolve({ url: 'http://glean/images?key=first', key: 'first' });
    await settle();
    const [first] = await listHistory(10);
    expect(first).toMatchObject({ key: 'first' });
    expect(first!.thumbnail).toBeUndefined();
    h.hanging[1]!.resolve({ url: 'http://glean/images?key=second', key: 'second' });
    await settle();
    await h.queue.previewsWritten();
    const entries = await listHistory(10);
    expect(entries.map((e) => [e.key, e.thumbnail instanceof Blob])).toEqual(expect.arrayContaining([['first', true], ['second', true]]));
  });

  it('deletes a finished job\'s record at once and its bytes once nothing is being sent, not during a burst', async () => {
    const h = makeHarness({ concurrency: 2 });
    h.script('hang', 'hang');
    const first = await h.queue.enqueue({ prepared: prepared('first'), metadata: UGC, source: {} });
    await h.queue.enqueue({ prepared: prepared('second'), metadata: UGC, source: {} });
    await settle();
    h.hanging[0]!.resolve({ url: 'u1', key: 'k1' });
    await settle();
    if (first.status !== 'queued') throw new Error('expected queued');
    // Done (its history entry is in) and its record gone; its bytes wait while "second" is being sent.
    expect(await getHistory(first.job.id)).toMatchObject({ key: 'k1' });
    expect((await listJobs()).map((j) => j.id)).not.toContain(first.job.id);
    expect(await getJobBytes(first.job.id)).toBeDefined();
    h.hanging[1]!.resolve({ url: 'u2', key: 'k2' });
    await settle();
    await h.queue.previewsWritten();
    expect(await listJobs()).toEqual([]);
    expect(await getJobBytes(first.job.id)).toBeUndefined();
  });

  it('sends nothing again after a stop when the history cap has already dropped a finished upload\'s entry', async () => {
    const h = makeHarness({ concurrency: 3, historyCap: 1 });
    h.script({ url: 'ua', key: 'ka' }, { url: 'ub', key: 'kb' }, 'hang');
    for (const name of ['a', 'b', 'c']) await h.queue.enqueue({ prepared: prepared(name), metadata: { type: 'UGC', id: name }, source: {} });
    await settle();
    // "a" and "b" answered; the cap of 1 kept only "b" in history; "c" is still being sent.
    expect((await listHistory(10)).map((e) => e.key)).toEqual(['kb']);
    const restarted = makeHarness({ historyCap: 1 });
    await restarted.queue.start();
    await settle();
    expect(restarted.uploadedBytes).toEqual(['c']);
  });

  it('never has more uploads in flight than the concurrency allows', async () => {
    const h = makeHarness({ concurrency: 3 });
    h.script('hang', 'hang', 'hang', 'hang', 'hang');
    for (let i = 0; i < 5; i++) await h.queue.enqueue({ prepared: prepared(`img-${i}`), metadata: UGC, source: {} });
    await settle();
    expect(h.calls).toHaveLength(3);
    h.hanging[0]!.resolve({ url: 'u1', key: 'k1' });
    await settle();
    expect(h.calls).toHaveLength(4);
    expect(h.maxInFlight()).toBe(3);
  });

  it('retries network errors and 5xx with backoff, then fails after the cap of attempts', async () => {
    const h = makeHarness({ maxAttempts: 3 });
    h.script(new GleanError('network', 'down'), new GleanError('server', '500', { status: 500 }), new GleanError('network', 'down'));
    await h.queue.enqueue({ prepared: prepared('x'), metadata: UGC, source: {} });
    await settle();
    let [job] = await listJobs();
    // random() is 0.5: half of min(cap, 1000 * 2^0).
    expect(job).toMatchObject({ state: 'queued', attempts: 1, notBefore: h.now() + 500 });
    await h.advance(499);
    expect(h.calls).toHaveLength(1);
    await h.advance(1);
    expect(h.calls).toHaveLength(2);
    [job] = await listJobs();
    expect(job).toMatchObject({ state: 'queued', attempts: 2, notBefore: h.now() + 1000 });
    await h.advance(1000);
    [job] = await listJobs();
    expect(job).toMatchObject({ state: 'failed', attempts: 3, error: { kind: 'network' } });
    await h.advance(60_000);
    expect(h.calls).toHaveLength(3);
  });

  it('fails a 400 at once with the server reason and no retry', async () => {
    const h = makeHarness();
    h.script(new GleanError('bad-request', 'Glean rejected the request (400): type is invalid', { status: 400 }));
    await h.queue.enqueue({ prepared: prepared('x'), metadata: UGC, source: {} });
    await settle();
    await h.advance(600_000);
    expect(h.calls).toHaveLength(1);
    expect((await listJobs())[0]).toMatchObject({ state: 'failed', error: { kind: 'bad-request', message: expect.stringContaining('type is invalid') } });
  });

  it('pauses the whole queue on 429 until Retry-After has passed, then goes on', async () => {
    const h = makeHarness({ concurrency: 1 });
    h.script(new GleanError('rate-limited', '429', { status: 429, retryAfterSeconds: 2 }));
    await h.queue.enqueue({ prepared: prepared('a'), metadata: UGC, source: {} });
    await h.queue.enqueue({ prepared: prepared('b'), metadata: UGC, source: {} });
    await settle();
    expect(h.calls).toHaveLength(1);
    const status = await h.queue.status();
    expect(status.pause).toEqual({ reason: 'rate-limited', until: h.now() + 2000 });
    expect(status.jobs.map((j) => j.state)).toEqual(['paused', 'paused']);
    await expect(h.gate.check()).rejects.toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 2 });

    await h.advance(1999);
    expect(h.calls).toHaveLength(1);
    await h.advance(1);
    await settle();
    expect(h.calls.length).toBeGreaterThanOrEqual(2);
    expect(h.calls[1]!.at).toBeGreaterThanOrEqual(h.calls[0]!.at + 2000);
    await settle();
    expect((await h.queue.status()).jobs).toEqual([]);
    expect(await listHistory(10)).toHaveLength(2);
  });

  it('pauses everything on 401, keeps every job, and resumes when the token changes', async () => {
    const h = makeHarness({ concurrency: 1 });
    h.script(new GleanError('unauthorized', 'Glean refused the token (401).', { status: 401 }));
    await h.queue.enqueue({ prepared: prepared('a'), metadata: UGC, source: {} });
    await h.queue.enqueue({ prepared: prepared('b'), metadata: UGC, source: {} });
    await settle();
    await h.advance(3_600_000);
    expect(h.calls).toHaveLength(1);
    const status = await h.queue.status();
    expect(status.pause).toEqual({ reason: 'unauthorized', message: 'Glean refused the token (401).' });
    expect(status.jobs.map((j) => [j.state, j.attempts])).toEqual([['paused', 0], ['paused', 0]]);

    await h.queue.credentialsChanged();
    await settle();
    await settle();
    expect((await h.queue.status()).jobs).toEqual([]);
    expect(await listHistory(10)).toHaveLength(2);
  });

  it('sends again, marked so, a job cut off mid-upload when the background stopped', async () => {
    const h = makeHarness();
    const job: Job = {
      id: 'cut-off', state: 'uploading', mime: 'image/png', size: 1, width: 1, height: 1,
      metadata: UGC, fingerprint: 'fp', source: {}, attempts: 1, notBefore: 0, resent: false, notes: [], createdAt: 1, updatedAt: 1,
    };
    await addJob(job, new Blob(['z']));
    h.script('hang');
    await h.queue.start();
    await settle();
    expect(h.calls.map((c) => [c.job.id, c.job.resent, c.job.attempts])).toEqual([['cut-off', true, 2]]);
    expect(h.uploadedBytes).toEqual(['z']);
    h.hanging[0]!.resolve({ url: 'u', key: 'k' });
    await settle();
    expect((await listHistory(5))[0]?.id).toBe('cut-off');
  });

  it('offers the earlier upload for the same bytes and metadata, unless the user insists', async () => {
    const h = makeHarness();
    await h.queue.enqueue({ prepared: prepared('same'), metadata: UGC, source: {} });
    await settle();
    const again = await h.queue.enqueue({ prepared: prepared('same'), metadata: UGC, source: {} });
    expect(again).toMatchObject({ status: 'duplicate', earlier: { metadata: UGC } });
    const otherMeta = await h.queue.enqueue({ prepared: prepared('same'), metadata: { ...UGC, cid: 'thumb' }, source: {} });
    expect(otherMeta.status).toBe('queued');
    const insisted = await h.queue.enqueue({ prepared: prepared('same'), metadata: UGC, source: {}, insist: true });
    expect(insisted.status).toBe('queued');
    await settle();
    expect(h.calls).toHaveLength(3);
  });

  it('does not queue the same upload twice while the first is still pending', async () => {
    const h = makeHarness();
    h.script('hang');
    const first = await h.queue.enqueue({ prepared: prepared('dup'), metadata: UGC, source: {} });
    const second = await h.queue.enqueue({ prepared: prepared('dup'), metadata: UGC, source: {} });
    expect(second.status === 'queued' && first.status === 'queued' && second.job.id === first.job.id).toBe(true);
    await settle();
    expect(h.calls).toHaveLength(1);
  });

  it('keeps at most historyCap finished uploads, newest first', async () => {
    const h = makeHarness({ historyCap: 3, concurrency: 1 });
    for (let i = 0; i < 5; i++) {
      await h.queue.enqueue({ prepared: prepared(`n${i}`), metadata: UGC, source: {} });
      await settle();
      await h.advance(10);
    }
    const entries = await listHistory(10);
    expect(entries).toHaveLength(3);
    expect(entries[0]!.createdAt).toBeGreaterThan(entries[2]!.createdAt);
  });

  it('cancels a job mid-upload and retries a failed one from its first attempt', async () => {
    const h = makeHarness();
    h.script('hang', new GleanError('bad-request', 'no', { status: 400 }));
    const a = await h.queue.enqueue({ prepared: prepared('a'), metadata: UGC, source: {} });
    const b = await h.queue.enqueue({ prepared: prepared('b'), metadata: UGC, source: {} });
    await settle();
    if (a.status !== 'queued' || b.status !== 'queued') throw new Error('expected queued');
    await h.queue.cancel(a.job.id);
    await settle();
    expect(await getJob(a.job.id)).toBeUndefined();
    // Told as cancelled, not as a failure.
    const told = h.events.filter((e) => e.job.id === a.job.id).at(-1)!.job;
    expect(told.state).toBe('cancelled');
    expect(told.error).toBeUndefined();
    expect(h.events.some((e) => e.job.id === a.job.id && e.job.state === 'failed')).toBe(false);
    expect(await getJob(b.job.id)).toMatchObject({ state: 'failed' });
    const retried = await h.queue.retry(b.job.id);
    expect(retried).toMatchObject({ state: 'queued', attempts: 0 });
    await settle();
    expect(await getJob(b.job.id)).toBeUndefined();
    expect((await listHistory(5)).map((e) => e.id)).toEqual([b.job.id]);
  });

  it('asks for a wake-up alarm while uploads are pending and cancels it when all are done', async () => {
    const h = makeHarness();
    h.script(new GleanError('network', 'down'));
    await h.queue.enqueue({ prepared: prepared('w'), metadata: UGC, source: {} });
    await settle();
    expect(h.wakes.at(-1)).toBe(h.now() + 500);
    await h.advance(500);
    await settle();
    expect(h.wakes.at(-1)).toBeNull();
  });
});
