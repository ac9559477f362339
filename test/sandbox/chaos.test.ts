/** Chaos knobs: seeded, validated, each fault doing what it says, over HTTP too. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Chaos, seededRandom } from './chaos.js';
import { solidPng, startSandbox, type Sandbox } from './server.js';
import { asUser, toBody } from './test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const PNG = solidPng(4, 4, [10, 20, 30, 255]);
const upload = (id: string) =>
  fetch(`${sb.baseUrl}/uploadimage?type=UGC&id=${id}`, { method: 'POST', headers: asUser({ 'content-type': 'image/png' }), body: toBody(PNG) });
const alice = () => fetch(`${sb.baseUrl}/images?type=USER&id=alice`, { headers: asUser() });
const outcome = (p: Promise<Response>) => p.then((r) => r.status, () => 'cut' as const);

describe('seededRandom', () => {
  it('gives the same numbers for the same seed, others for another, all in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(first);
    expect(Array.from({ length: 50 }, () => c())).not.toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
  });
});

describe('Chaos settings', () => {
  it.each([
    [{ error: 1.5 }, /error must be a probability/],
    [{ cutAfter: -0.1 }, /cutAfter must be a probability/],
    [{ error: 0.6, cutBefore: 0.6 }, /add up to 1.2/],
    [{ seed: 1.5 }, /seed must be an integer/],
    [{ scope: 'images' }, /scope must be/],
    [{ retryAfter: 1 }, /retryAfter must be/],
    [{ errors: 0.1 }, /unknown chaos setting "errors"/],
    [[], /JSON object/],
  ])('refuses %j, and keeps the settings it had', (patch, message) => {
    const chaos = new Chaos();
    chaos.configure({ error: 0.1 });
    expect(() => chaos.configure(patch)).toThrow(message);
    expect(chaos.settings.error).toBe(0.1);
  });

  it('draws the same faults from the same seed, in about the proportions set', () => {
    const run = () => {
      const chaos = new Chaos();
      chaos.configure({ seed: 42, error: 0.1, rateLimit: 0.05, cutBefore: 0.05, cutAfter: 0.05 });
      return { faults: Array.from({ length: 2000 }, () => chaos.draw('/rest/api/v1/uploadimage') ?? 'none'), stats: chaos.stats };
    };
    const one = run();
    expect(run().faults).toEqual(one.faults);
    const count = (f: string) => one.faults.filter((x) => x === f).length;
    expect(count('serverError')).toBeGreaterThan(150);
    expect(count('serverError')).toBeLessThan(250);
    for (const f of ['rateLimit', 'drop', 'cutAfter']) {
      expect(count(f)).toBeGreaterThan(60);
      expect(count(f)).toBeLessThan(140);
    }
    expect(one.stats).toMatchObject({ draws: 2000, error: count('serverError'), rateLimit: count('rateLimit'), cutBefore: count('drop'), cutAfter: count('cutAfter') });
  });

  it('draws nothing while every probability is 0, and only for uploads with scope "uploads"', () => {
    const chaos = new Chaos();
    expect(chaos.draw('/rest/api/v1/uploadimage')).toBeUndefined();
    expect(chaos.stats.draws).toBe(0);
    chaos.configure({ error: 1, scope: 'uploads' });
    expect(chaos.draw('/rest/api/v1/images')).toBeUndefined();
    expect(chaos.draw('/rest/api/v1/uploadimage')).toBe('serverError');
    expect(chaos.stats.draws).toBe(1);
  });
});

describe('Chaos in the sandbox', () => {
  it('error: 500, nothing stored', async () => {
    sb.chaos.configure({ error: 1 });
    expect(await outcome(upload('e'))).toBe(500);
    expect(sb.images.getByMetadata({ type: 'UGC', id: 'e' })).toBeUndefined();
    expect(sb.log.at(-1)).toMatchObject({ status: 500, fault: 'serverError' });
  });

  it('rateLimit: 429 with the Retry-After set', async () => {
    sb.chaos.configure({ rateLimit: 1, retryAfter: '3' });
    const res = await alice();
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '3']);
  });

  it('cutBefore: the connection is cut and nothing is stored', async () => {
    sb.chaos.configure({ cutBefore: 1 });
    expect(await outcome(upload('b'))).toBe('cut');
    expect(sb.images.getByMetadata({ type: 'UGC', id: 'b' })).toBeUndefined();
    expect(sb.chaos.stats).toMatchObject({ cutBefore: 1, cutAfterStored: 0 });
  });

  it('cutAfter: the upload is stored, the client gets no answer, and the stats say so', async () => {
    sb.chaos.configure({ cutAfter: 1 });
    expect(await outcome(upload('a'))).toBe('cut');
    expect(sb.images.getByMetadata({ type: 'UGC', id: 'a' })?.bytes.equals(PNG)).toBe(true);
    expect(sb.chaos.stats).toMatchObject({ cutAfter: 1, cutAfterStored: 1 });
    await expect.poll(() => sb.log.at(-1)?.end).not.toBeNull();
    expect(sb.log.at(-1)).toMatchObject({ status: null, fault: 'cutAfter' });
  });

  it('cutAfter of a refused request stores nothing and counts no stored cut', async () => {
    sb.chaos.configure({ cutAfter: 1 });
    const refused = fetch(`${sb.baseUrl}/uploadimage?type=UGC&id=x`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: toBody(PNG) });
    expect(await outcome(refused)).toBe('cut');
    expect(sb.chaos.stats).toMatchObject({ cutAfter: 1, cutAfterStored: 0 });
  });

  it('explicit knobs come first and draw nothing', async () => {
    sb.chaos.configure({ cutBefore: 1 });
    sb.knobs.serverErrorCount = 1;
    expect(await outcome(alice())).toBe(500);
    expect(sb.chaos.stats.draws).toBe(0);
  });

  it('is set and read over /__sandbox/chaos, and reset with the sandbox', async () => {
    const set = await fetch(`${sb.origin}/__sandbox/chaos`, { method: 'POST', body: JSON.stringify({ seed: 5, error: 1 }) });
    expect(await set.json()).toMatchObject({ settings: { seed: 5, error: 1 }, stats: { draws: 0 } });
    expect(await outcome(alice())).toBe(500);
    const read = await (await fetch(`${sb.origin}/__sandbox/chaos`)).json();
    expect(read).toMatchObject({ stats: { draws: 1, error: 1 } });
    const bad = await fetch(`${sb.origin}/__sandbox/chaos`, { method: 'POST', body: JSON.stringify({ error: 2 }) });
    expect([bad.status, await bad.text()]).toEqual([400, 'error must be a probability between 0 and 1']);
    await fetch(`${sb.origin}/__sandbox/reset`, { method: 'POST' });
    expect(sb.chaos.settings.error).toBe(0);
    expect(await outcome(alice())).toBe(200);
  });
});
