// A hand-over the page sends again (its answer was lost when the background went away) is the
// same upload: one check of its bytes, one job, whether the second copy comes during or after.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { enqueueBytes } from '../../../src/background/upload-handlers';
import { listJobs } from '../../../src/db/jobs';
import { prepareUpload } from '../../../src/images/prepare';
import { resetDb } from '../db/reset-db';

vi.mock('../../../src/images/prepare', () => ({
  prepareUpload: vi.fn(async (bytes: ArrayBuffer) => ({
    bytes: new Blob([bytes], { type: 'image/png' }),
    mime: 'image/png',
    width: 1,
    height: 1,
    notes: [],
    // Stands in for the SHA-256: the bytes differ in their last one.
    sha256: `hash-${new Uint8Array(bytes).at(-1)}`,
  })),
}));
// The queue's sending is not the subject here: every upload waits for good.
vi.mock('../../../src/background/gated-client', () => ({ configuredClient: () => new Promise(() => undefined) }));

// One database for the file: the background's queue is one per start, like the real one.
beforeAll(async () => {
  fakeBrowser.reset();
  await resetDb();
});
beforeEach(() => vi.mocked(prepareUpload).mockClear());

// Different bytes per test, so the fingerprint guard (same bytes and metadata) stays out of it.
const bytes = (n: number) => new Uint8Array([137, 80, 78, 71, n]).buffer;
const options = { metadata: { type: 'UGC' as const, id: 'doc' } };

describe('enqueueBytes with a hand-over id', () => {
  it('checks the bytes once and answers both copies with the one job, when they overlap', async () => {
    const [a, b] = await Promise.all([
      enqueueBytes(bytes(1), options, { fileName: 'a.png' }, 'handover-overlap-1'),
      enqueueBytes(bytes(1), options, { fileName: 'a.png' }, 'handover-overlap-1'),
    ]);
    expect(a).toMatchObject({ status: 'queued', job: { id: 'handover-overlap-1' } });
    expect(b).toEqual(a);
    expect(prepareUpload).toHaveBeenCalledTimes(1);
    expect((await listJobs()).filter((j) => j.id === 'handover-overlap-1')).toHaveLength(1);
  });

  it('answers a later copy from the queue without checking the bytes again', async () => {
    await enqueueBytes(bytes(2), options, {}, 'handover-later-1');
    const again = await enqueueBytes(bytes(2), { ...options, insist: true }, {}, 'handover-later-1');
    expect(again).toMatchObject({ status: 'queued', job: { id: 'handover-later-1' } });
    expect(prepareUpload).toHaveBeenCalledTimes(1);
    expect((await listJobs()).filter((j) => j.id === 'handover-later-1')).toHaveLength(1);
  });

  it('makes a new job for each upload without an id, as before', async () => {
    const before = (await listJobs()).length;
    await enqueueBytes(bytes(3), { ...options, insist: true }, {});
    await enqueueBytes(bytes(3), { ...options, insist: true }, {});
    expect(await listJobs()).toHaveLength(before + 2);
    expect(prepareUpload).toHaveBeenCalledTimes(2);
  });
});
