import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../../src/db/group-commit';

/** A writer that records each batch and finishes only when told to. */
function slowWriter(fail: (items: string[]) => boolean = () => false) {
  const batches: string[][] = [];
  const finishers: (() => void)[] = [];
  const write = (items: string[]) =>
    new Promise<void>((resolve, reject) => {
      batches.push(items);
      finishers.push(() => (fail(items) ? reject(new Error(`refused ${items.join(',')}`)) : resolve()));
    });
  const finishNext = async () => {
    await Promise.resolve();
    finishers.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { batches, write, finishNext };
}

describe('groupCommit', () => {
  it('writes the first item at once, and what comes meanwhile together in the next batch', async () => {
    const w = slowWriter();
    const add = groupCommit(w.write);
    const done = ['a', 'b', 'c', 'd'].map((x) => add(x));
    expect(w.batches).toEqual([['a']]);
    await w.finishNext();
    expect(w.batches).toEqual([['a'], ['b', 'c', 'd']]);
    await w.finishNext();
    await expect(Promise.all(done)).resolves.toEqual([undefined, undefined, undefined, undefined]);
    // Idle again: the next item goes at once.
    const later = add('e');
    expect(w.batches.at(-1)).toEqual(['e']);
    await w.finishNext();
    await later;
  });

  it('when a batch fails, writes its items one by one so only the bad one is refused', async () => {
    const w = slowWriter((items) => items.includes('bad'));
    const add = groupCommit(w.write);
    const first = add('a');
    const results = ['b', 'bad', 'c'].map((x) => add(x).then(() => 'stored', (e: Error) => e.message));
    await w.finishNext(); // a
    await w.finishNext(); // b, bad, c together: refused
    await w.finishNext(); // b alone
    await w.finishNext(); // bad alone
    await w.finishNext(); // c alone
    await first;
    expect(await Promise.all(results)).toEqual(['stored', 'refused bad', 'stored']);
    expect(w.batches).toEqual([['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
  });

  it('gives each item its own result when the writer returns one per item', async () => {
    const add = groupCommit(async (items: string[]) => items.map((x) => x.toUpperCase()));
    expect(await Promise.all(['a', 'b', 'c'].map((x) => add(x)))).toEqual(['A', 'B', 'C']);
  });
});
