/**
 * The queue when IndexedDB refuses a write of a job's bookkeeping (a full disk, a closing
 * database): the job must not stay "uploading" with nobody working on it, its slot must be free
 * for the next job, and nothing may end as an unhandled rejection.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import { freshDb, makeHarness, prepared, settle } from './queue-harness';

const UGC = { type: 'UGC' as const };

let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeEach(async () => {
  await freshDb();
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Makes IndexedDB refuse the puts `refuse` picks, as a full disk would; every other put goes through. */
function refusePuts(refuse: (value: unknown, key: unknown) => boolean) {
  const realPut = IDBObjectStore.prototype.put;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (refuse(value, key)) throw new DOMException('The disk is full.', 'QuotaExceededError');
    return realPut.call(this, value, key);
  });
}

/** One upload slot: "first" is being sent (its upload hangs until the test answers it), "second" waits. */
async function oneSlotTwoJobs() {
  const h = makeHarness({ concurrency: 1 });
  h.script('hang');
  const { job } = (await h.queue.enqueue({ prepared: prepared('first'), metadata: UGC, source: {} })) as { job: { id: string } };
  await h.queue.enqueue({ prepared: prepared('second'), metadata: UGC, source: {} });
  await settle();
  return { h, job };
}

describe('UploadQueue: a bookkeeping write that fails', () => {
  it('shows the job as failed (retryable) when its failure cannot be recorded, not as uploading for ever', async () => {
    const { h, job } = await oneSlotTwoJobs();
    // The 401 pause is written first; that write fails.
    const put = refusePuts((_value, key) => key === 'authPause');
    h.hanging[0]!.reject(new GleanError('unauthorized', 'Glean refused the token (401).', { status: 401 }));
    await settle();
    put.mockRestore();

    expect(unhandled).toEqual([]);
    const status = await h.queue.status();
    const first = status.jobs.find((j) => j.id === job.id)!;
    expect(first.state).toBe('failed');
    expect(first.error?.message).toMatch(/disk is full/);
    expect(h.events.filter((e) => e.job.id === job.id).at(-1)?.job.state).toBe('failed');
    // Its slot went to the next job, and the failed one can be sent again.
    expect(h.uploadedBytes).toEqual(['first', 'second']);
    await h.queue.retry(job.id);
    await settle();
    expect(h.uploadedBytes).toEqual(['first', 'second', 'first']);
  });

  it('frees the slot when the answer\'s record (its history entry) cannot be written, so the next job is sent', async () => {
    const { h, job } = await oneSlotTwoJobs();
    expect(h.uploadedBytes).toEqual(['first']);
    let refused = 0;
    const put = refusePuts((value) => (value as { id?: string; key?: string } | null)?.id === job.id && (value as { key?: string }).key === 'k1' && ++refused > 0);
    h.hanging[0]!.resolve({ url: 'http://glean/images?key=k1', key: 'k1' });
    await settle();
    put.mockRestore();

    expect(refused).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
    expect(h.uploadedBytes).toEqual(['first', 'second']);
  });
});
