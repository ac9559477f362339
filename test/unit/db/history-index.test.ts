// The history's ids and fingerprints kept in memory: "not there" answered without a read, and
// never stale after adds, the cap's drops, thumbnails, clearing or a closed connection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addHistory, clearHistory, findHistoryByFingerprint, getHistory, listHistory, putHistory } from '../../../src/db/history';
import { closeDb } from '../../../src/db/open';
import { readCache } from '../../../src/db/read-cache';
import type { HistoryEntry } from '../../../src/history/types';
import { resetDb } from './reset-db';

beforeEach(resetDb);
afterEach(() => vi.restoreAllMocks());

const entry = (id: string, fingerprint: string, createdAt: number): HistoryEntry =>
  ({ id, key: `k-${id}`, url: `u-${id}`, metadata: { type: 'UGC' }, mime: 'image/png', size: 1, width: 1, height: 1, createdAt, fingerprint }) as HistoryEntry;

describe('the history index', () => {
  it('answers "not there" without a transaction once read, and finds what is there', async () => {
    await addHistory(entry('a', 'fp-a', 1), 10);
    expect(await findHistoryByFingerprint('fp-a')).toMatchObject({ id: 'a' });
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    expect(await findHistoryByFingerprint('fp-none')).toBeUndefined();
    expect(await getHistory('none')).toBeUndefined();
    expect(transaction).not.toHaveBeenCalled();
    expect(await getHistory('a')).toMatchObject({ key: 'k-a' });
  });

  it('follows adds, the cap\'s drops, a thumbnail and clearing', async () => {
    expect(await getHistory('a')).toBeUndefined(); // the index is read now, while empty
    await addHistory(entry('a', 'fp-a', 1), 2);
    await addHistory(entry('b', 'fp-b', 2), 2);
    await addHistory(entry('c', 'fp-c', 3), 2);
    // The cap of 2 dropped "a": neither its id nor its fingerprint is known any more.
    expect((await listHistory(10)).map((e) => e.id)).toEqual(['c', 'b']);
    expect(await getHistory('a')).toBeUndefined();
    expect(await findHistoryByFingerprint('fp-a')).toBeUndefined();
    await putHistory({ ...entry('b', 'fp-b', 2), thumbnail: new Blob(['t']) });
    expect(await findHistoryByFingerprint('fp-b')).toMatchObject({ id: 'b' });
    await clearHistory();
    expect(await getHistory('c')).toBeUndefined();
    expect(await findHistoryByFingerprint('fp-c')).toBeUndefined();
  });

  it('keeps a fingerprint two entries share until both are gone', async () => {
    await addHistory(entry('a', 'same', 1), 1);
    await addHistory(entry('b', 'same', 2), 1);
    expect(await findHistoryByFingerprint('same')).toMatchObject({ id: 'b' });
    expect(await getHistory('a')).toBeUndefined();
  });

  it('includes writes committed while it was being read, and is read again after the connection closes', async () => {
    const reading = getHistory('x');
    await addHistory(entry('x', 'fp-x', 1), 10);
    await reading;
    expect(await getHistory('x')).toMatchObject({ id: 'x' });
    closeDb();
    expect(await findHistoryByFingerprint('fp-x')).toMatchObject({ id: 'x' });
  });
});

describe('readCache.update', () => {
  it('changes a kept copy, and nothing when none is kept', async () => {
    let reads = 0;
    const cache = readCache(async () => ({ n: ++reads * 10 }));
    cache.update((v) => (v.n += 1));
    expect(await cache.get()).toEqual({ n: 10 });
    cache.update((v) => (v.n += 1));
    expect(await cache.get()).toEqual({ n: 11 });
  });
});
