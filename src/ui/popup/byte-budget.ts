/**
 * Runs `run` for every item at once, except that items whose sizes together would pass `budget`
 * wait until earlier ones are done; one item always runs, however large. The popup hands files
 * over this way: all at once (so closing it right after the click drops nothing), but never
 * gigabytes of copies in flight when someone chooses 60 large files.
 */
export async function allWithinBudget<T, R>(items: T[], size: (item: T) => number, budget: number, run: (item: T) => Promise<R>): Promise<R[]> {
  let used = 0;
  let waiting: (() => void)[] = [];
  const acquire = async (n: number) => {
    while (used > 0 && used + n > budget) await new Promise<void>((wake) => waiting.push(wake));
    used += n;
  };
  const release = (n: number) => {
    used -= n;
    const woken = waiting;
    waiting = [];
    woken.forEach((wake) => wake());
  };
  return Promise.all(
    items.map(async (item) => {
      const n = size(item);
      await acquire(n);
      try {
        return await run(item);
      } finally {
        release(n);
      }
    }),
  );
}
