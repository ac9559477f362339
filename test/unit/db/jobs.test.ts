import { beforeEach, describe, expect, it } from 'vitest';
import { addJob } from '../../../src/db/jobs';
import type { Job } from '../../../src/queue/types';
import { resetDb } from './reset-db';

beforeEach(resetDb);

const job = (id: string): Job => ({
  id, state: 'queued', mime: 'image/png', size: 1, width: 1, height: 1, metadata: { type: 'UGC' }, fingerprint: id, source: {},
  attempts: 0, notBefore: 0, resent: false, notes: [], createdAt: 0, updatedAt: 0,
});

describe('addJob', () => {
  it('resolves at the commit with the stored copy of the bytes', async () => {
    const { readBack } = await addJob(job('a'), new Blob(['bytes of a']));
    expect(await (await readBack)?.text()).toBe('bytes of a');
  });

  it('reads a job back right after its own write, not after the writes of jobs that came later', async () => {
    const order: string[] = [];
    const first = addJob(job('first'), new Blob(['1']));
    // Asked for while the first write is in flight: they go together in the next transaction.
    const later = Promise.all(['b', 'c', 'd'].map((id) => addJob(job(id), new Blob([id])).then(() => order.push(`stored ${id}`))));
    const { readBack } = await first;
    await Promise.all([readBack.then(() => order.push('read first')), later]);
    expect(order[0]).toBe('read first');
    expect(order).toHaveLength(4);
  });
});
