import { describe, expect, it } from 'vitest';
import { createProber, type Answer, type Unexplained } from '../../../src/background/page-probe';

const item = (url: string): Unexplained => ({ tabId: 1, frameId: 0, url, page: 0 });

describe('createProber', () => {
  it('asks about one failed load at a time and holds back what fails meanwhile', async () => {
    const asked: string[] = [];
    const held: string[] = [];
    const explained: [string, number][] = [];
    let answer!: (a: Answer) => void;
    const prober = createProber({
      ask: (url) => {
        asked.push(url);
        return new Promise<Answer>((r) => (answer = r));
      },
      paused: async () => false,
      hold: (i) => void held.push(i.url),
      explained: async (i, a) => void explained.push([i.url, a.status]),
    });
    const first = prober.add(item('a'));
    await Promise.resolve();
    await Promise.all([prober.add(item('b')), prober.add(item('c'))]);
    expect(asked).toEqual(['a']);
    expect(held).toEqual(['b', 'c']);
    answer({ status: 429, retryAfterSeconds: 1 });
    await first;
    expect(explained).toEqual([['a', 429]]);
    const next = prober.add(item('d'));
    await Promise.resolve();
    answer({ status: 404 });
    await next;
    expect(asked).toEqual(['a', 'd']);
  });

  it('asks nothing while page loads are paused', async () => {
    const asked: string[] = [];
    const held: string[] = [];
    const prober = createProber({ ask: async (u) => (asked.push(u), { status: 200 }), paused: async () => true, hold: (i) => void held.push(i.url), explained: async () => undefined });
    await prober.add(item('a'));
    expect(asked).toEqual([]);
    expect(held).toEqual(['a']);
  });
});
