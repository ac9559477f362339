/**
 * Group commit: writes asked for while one transaction is in flight wait for it, then go together
 * in the next one. The first write starts at once; under a burst (40 files chosen together) the
 * database commits a few large transactions instead of 40 that each wait for the one before.
 */
interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Wraps `write` (one transaction for many items) into a function that writes one item. */
export function groupCommit<T>(write: (items: T[]) => Promise<void>): (item: T) => Promise<void> {
  let waiting: Waiting<T>[] = [];
  let flushing = false;

  async function writeBatch(batch: Waiting<T>[]): Promise<void> {
    try {
      await write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
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
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!flushing) void flush();
    });
}
