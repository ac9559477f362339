import { describe, expect, it } from 'vitest';
import { allWithinBudget } from '../../../../src/ui/popup/byte-budget';

/** A run whose end the test decides, recording which items are running. */
function controlled() {
  const running = new Set<number>();
  const finish = new Map<number, () => void>();
  const run = (n: number) =>
    new Promise<number>((resolve) => {
      running.add(n);
      finish.set(n, () => {
        running.delete(n);
        resolve(n * 10);
      });
    });
  return { running, finish, run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('allWithinBudget', () => {
  it('starts everything at once while the sizes fit, and answers in order', async () => {
    const c = controlled();
    const all = allWithinBudget([1, 2, 3], () => 10, 100, c.run);
    await tick();
    expect([...c.running].sort()).toEqual([1, 2, 3]);
    [1, 2, 3].forEach((n) => c.finish.get(n)!());
    expect(await all).toEqual([10, 20, 30]);
  });

  it('holds back what would pass the budget until earlier items are done', async () => {
    const c = controlled();
    const all = allWithinBudget([1, 2, 3], () => 40, 100, c.run);
    await tick();
    expect([...c.running].sort()).toEqual([1, 2]);
    c.finish.get(1)!();
    await tick();
    expect([...c.running].sort()).toEqual([2, 3]);
    c.finish.get(2)!();
    c.finish.get(3)!();
    expect(await all).toEqual([10, 20, 30]);
  });

  it('always runs one item, even one larger than the budget', async () => {
    const c = controlled();
    const all = allWithinBudget([1, 2], () => 500, 100, c.run);
    await tick();
    expect([...c.running]).toEqual([1]);
    c.finish.get(1)!();
    await tick();
    expect([...c.running]).toEqual([2]);
    c.finish.get(2)!();
    expect(await all).toEqual([10, 20]);
  });
});
