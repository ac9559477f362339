/**
 * Group commit: writes asked for while one transaction is in flight wait for it, then go together
 * in the next one. The first write starts at once; under a burst (40 files chosen together) the
 * database commits a few large transactions instead of 40 that each wait for the one before.
 */
interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Wraps `write` (one transaction for many items) into a function that writes one item. A writer
 * that returns one result per item (in order) has each item's promise resolve to its own.
 */
export function groupCommit<T, R = void>(write: (items: T[]) => Promise<R[] | void>): (item: T) => Promise<R> {
  let waiting: Waiting<T, R>[] = [];
  let flushing = false;

  async function writeBatch(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await write(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results?.[i] as R));
    } catch (e) {
      // One bad item (say, over the quota) must not fail the others: alone, each gets its own answer.
      if (batch.length === 1) batch[0]!.reject(e);
      else for (const w of batch) await writeBatch([w]);
    }
  }

  async function flush(): Promise<void> {
    flushing = true;
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      await writeBatch(batch);
    }
    flushing = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!flushing) void flush();
    });
}
