// Cuts between a page, the queue and Glean: an answer that arrived is final, a hand-over sent
// twice is one job, and an upload sent again after an unknown outcome says so.
import { beforeEach, describe, expect, it } from 'vitest';
import { getHistory, listHistory } from '../../../src/db/history';
import { addJob, dropOrphanBytes, getJob, getJobBytes, listJobs, putJob } from '../../../src/db/jobs';
import { openDb } from '../../../src/db/open';
import { STORES } from '../../../src/db/schema';
import { GleanError } from '../../../src/glean/errors';
import type { Job } from '../../../src/queue/types';
import { freshDb, makeHarness, prepared, settle } from './queue-harness';

const UGC = { type: 'UGC' as const, id: 'doc-1' };

beforeEach(freshDb);

/**
 * Keeps a readwrite transaction on the bytes store busy until released, as a burst of new jobs'
 * large byte writes does: any transaction that includes that store waits behind it.
 */
async function holdStore(name: (typeof STORES)[keyof typeof STORES] = STORES.jobBytes): Promise<() => Promise<void>> {
  const db = await openDb();
  const tx = db.transaction(name, 'readwrite');
  const store = tx.objectStore(name);
  let held = true;
  const spin = () => {
    const req = store.get('none');
    req.onsuccess = () => (held ? spin() : undefined);
  };
  spin();
  const done = new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
  return async () => {
    held = false;
    await done;
  };
}

/** A queue whose one upload, "answered", is being sent: its answer waits for the test. */
async function sendingOne() {
  const h = makeHarness();
  h.script('hang');
  const queued = await h.queue.enqueue({ prepared: prepared('answered'), metadata: UGC, source: {} });
  if (queued.status !== 'queued') throw new Error('expected queued');
  await settle();
  return { h, queued };
}

describe('UploadQueue: an answer that arrived is final', () => {
  it('records the answer (its history entry) while every job write waits, and a restart then files the job unsent', async () => {
    const { h, queued } = await sendingOne();
    // Records and bytes alike are held up, as under a burst of new jobs: the job stays "uploading" in the database.
    const releaseJobs = await holdStore(STORES.jobs);
    const releaseBytes = await holdStore(STORES.jobBytes);
    h.hanging[0]!.resolve({ url: 'http://glean/images?key=k1', key: 'k1' });
    await settle();
    expect(await getHistory(queued.job.id)).toMatchObject({ key: 'k1' });
    expect(h.events.at(-1)?.job.state).toBe('done');
    await releaseJobs();
    await releaseBytes();
    await settle();
    // The "uploading" record written late is not told after the answer.
    expect(h.events.filter((e) => e.job.id === queued.job.id).map((e) => e.job.state)).toEqual(['queued', 'uploading', 'done']);
    // What a background stopped before the job record went would find, and do: file it, send nothing.
    await putJob({ ...queued.job, state: 'uploading' });
    const restarted = makeHarness();
    await restarted.queue.start();
    await settle();
    expect(restarted.calls).toHaveLength(0);
    expect(await listJobs()).toEqual([]);
    expect(restarted.events.map((e) => [e.job.id, e.job.state])).toEqual([[queued.job.id, 'done']]);
  });

  it('records "done" (history in, job out) at once, even while new jobs\' bytes are being written', async () => {
    const { h, queued } = await sendingOne();
    const release = await holdStore();
    h.hanging[0]!.resolve({ url: 'http://glean/images?key=k1', key: 'k1' });
    await settle();
    // What a background restarted now would find: nothing to send again, the upload in history.
    expect(await getJob(queued.job.id)).toBeUndefined();
    expect(await getHistory(queued.job.id)).toMatchObject({ key: 'k1' });
    expect(h.events.at(-1)?.job.state).toBe('done');
    await release();
    await settle();
  });

  it('frees the slot at the answer while at most `concurrency` answers await their record, and holds it past that', async () => {
    const h = makeHarness({ concurrency: 1 });
    h.script('hang', 'hang');
    for (const name of ['first', 'second', 'third']) await h.queue.enqueue({ prepared: prepared(name), metadata: UGC, source: {} });
    await settle();
    expect(h.calls).toHaveLength(1);
    const release = await holdStore(STORES.history);
    try {
      // The first answer cannot be written yet: the next upload starts anyway.
      h.hanging[0]!.resolve({ url: 'u1', key: 'k1' });
      await settle();
      expect(h.calls).toHaveLength(2);
      // A second answer waiting for its record keeps its slot: no third upload.
      h.hanging[1]!.resolve({ url: 'u2', key: 'k2' });
      await settle();
      expect(h.calls).toHaveLength(2);
    } finally {
      await release();
    }
    await settle();
    expect(h.calls).toHaveLength(3);
  });

  it('leaves nothing to resend for a restarted queue once the answer is recorded', async () => {
    const h = makeHarness();
    h.script('hang');
    await h.queue.enqueue({ prepared: prepared('once'), metadata: UGC, source: {} });
    await settle();
    h.hanging[0]!.resolve({ url: 'u', key: 'k' });
    await settle();
    const restarted = makeHarness();
    await restarted.queue.start();
    await settle();
    expect(restarted.calls).toHaveLength(0);
    expect(await listJobs()).toEqual([]);
  });

  it('files an answer recorded just before a stop into history at the restart, without sending it again', async () => {
    const job: Job = {
      id: 'answered', state: 'done', mime: 'image/png', size: 1, width: 1, height: 1, metadata: UGC, fingerprint: 'fp-a',
      source: { fileName: 'a.png' }, attempts: 1, notBefore: 0, resent: false, notes: [], createdAt: 1, updatedAt: 1,
      result: { url: 'http://glean/images?key=ka', key: 'ka' },
    };
    await addJob(job, new Blob(['a']));
    const h = makeHarness();
    await h.queue.start();
    await settle();
    expect(h.calls).toHaveLength(0);
    expect(await listJobs()).toEqual([]);
    expect(await getHistory('answered')).toMatchObject({ key: 'ka', fileName: 'a.png' });
    expect(h.events.map((e) => [e.job.id, e.job.state])).toEqual([['answered', 'done']]);
  });

  it('neither cancels nor sends again a job whose answer is recorded', async () => {
    const job: Job = {
      id: 'recorded', state: 'done', mime: 'image/png', size: 1, width: 1, height: 1, metadata: UGC, fingerprint: 'fp-r',
      source: {}, attempts: 1, notBefore: 0, resent: false, notes: [], createdAt: 1, updatedAt: 1, result: { url: 'u', key: 'kr' },
    };
    await addJob(job, new Blob(['r']));
    const h = makeHarness();
    await h.queue.retry('recorded');
    await h.queue.cancel('recorded');
    await settle();
    expect(h.calls).toHaveLength(0);
    expect(await getJob('recorded')).toMatchObject({ state: 'done' });
  });
});

describe('UploadQueue: bytes that are a view of the chosen file', () => {
  it('stores the bytes it checked when the file cannot be read any more (changed on disk)', async () => {
    const h = makeHarness();
    // Structured clone refuses this "file" as a changed file's read would fail.
    const unreadable = { size: 4, type: 'image/png', slice: () => unreadable } as unknown as Blob;
    const result = await h.queue.enqueue({ prepared: { ...prepared('kept'), bytes: unreadable, inMemory: () => new Blob(['kept'], { type: 'image/png' }) }, metadata: UGC, source: {} });
    expect(result.status).toBe('queued');
    await settle();
    expect(h.uploadedBytes).toEqual(['kept']);
  });

  it('sends the stored copy, not the file it came from', async () => {
    const h = makeHarness();
    const file = new Blob(['chosen'], { type: 'image/png' });
    await h.queue.enqueue({ prepared: { ...prepared('chosen'), bytes: file }, metadata: UGC, source: {} });
    await settle();
    expect(h.uploadedBytes).toEqual(['chosen']);
    expect(h.sentBlobs[0]).not.toBe(file);
  });
});

describe('UploadQueue: a hand-over sent twice', () => {
  it('is one job while it waits, and its finished result once done, never a second upload', async () => {
    const h = makeHarness();
    h.script('hang');
    const first = await h.queue.enqueue({ id: 'handover-1', prepared: prepared('h'), metadata: UGC, source: {} });
    const again = await h.queue.enqueue({ id: 'handover-1', prepared: prepared('h'), metadata: UGC, source: {}, insist: true });
    expect(first).toMatchObject({ status: 'queued', job: { id: 'handover-1' } });
    expect(again).toMatchObject({ status: 'queued', job: { id: 'handover-1' } });
    await settle();
    h.hanging[0]!.resolve({ url: 'http://glean/images?key=kh', key: 'kh' });
    await settle();
    const late = await h.queue.enqueue({ id: 'handover-1', prepared: prepared('h'), metadata: UGC, source: {}, insist: true });
    expect(late).toMatchObject({ status: 'queued', job: { id: 'handover-1', state: 'done', result: { key: 'kh' } } });
    expect(h.calls).toHaveLength(1);
    expect(await listHistory(10)).toHaveLength(1);
  });

  it('knows nothing of a hand-over that never arrived', async () => {
    const h = makeHarness();
    expect(await h.queue.handedOver('never-sent')).toBeUndefined();
  });
});

describe('UploadQueue: "sent again" marks', () => {
  it('marks an upload retried after a lost connection, in its job and in history', async () => {
    const h = makeHarness();
    h.script(new GleanError('network', 'connection lost'));
    await h.queue.enqueue({ prepared: prepared('cut'), metadata: UGC, source: {} });
    await settle();
    expect((await listJobs())[0]).toMatchObject({ state: 'queued', resent: true });
    await h.advance(500);
    await settle();
    expect(h.calls.map((c) => c.job.resent)).toEqual([false, true]);
    expect((await listHistory(1))[0]).toMatchObject({ resent: true });
  });

  it('does not mark an upload retried after an answer (500): Glean said it did not store it', async () => {
    const h = makeHarness();
    h.script(new GleanError('server', '500', { status: 500 }));
    await h.queue.enqueue({ prepared: prepared('five'), metadata: UGC, source: {} });
    await settle();
    await h.advance(500);
    await settle();
    expect(h.calls).toHaveLength(2);
    expect((await listHistory(1))[0]?.resent).toBeUndefined();
  });
});

describe('a restart while a hand-over is being stored', () => {
  const record = (id: string): Job => ({
    id, state: 'queued', mime: 'image/png', size: 1, width: 1, height: 1, metadata: UGC, fingerprint: `fp-${id}`,
    source: {}, attempts: 0, notBefore: 0, resent: false, notes: [], createdAt: 1, updatedAt: 1,
  });

  it('stores a new job\'s record and bytes together: a restart\'s clean-up never finds one without the other', async () => {
    // Other records' writes are held up, as under a burst: the new job waits, bytes and record alike.
    const release = await holdStore(STORES.jobs);
    const other = putJob(record('other'));
    const adding = addJob(record('arriving'), new Blob(['bytes']));
    await settle();
    const dropping = dropOrphanBytes();
    await release();
    await Promise.all([other, adding, dropping]);
    expect(await getJob('arriving')).toBeDefined();
    expect(await (await getJobBytes('arriving'))?.text()).toBe('bytes');
  });

  it('still removes bytes left without a record', async () => {
    await addJob(record('kept'), new Blob(['k']));
    const db = await openDb();
    await new Promise<void>((resolve) => {
      const tx = db.transaction(STORES.jobBytes, 'readwrite');
      tx.objectStore(STORES.jobBytes).put(new Blob(['o']), 'orphan');
      tx.oncomplete = () => resolve();
    });
    await dropOrphanBytes();
    expect(await getJobBytes('orphan')).toBeUndefined();
    expect(await getJobBytes('kept')).toBeDefined();
  });
});
