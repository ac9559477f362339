/** Every fault knob, set directly on the object; counters count down exactly. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultKnobs, mergeKnobs, takeFault } from './knobs.js';
import { startSandbox, type Sandbox } from './server.js';
import { asUser, bytesOf } from './test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const alice = () => fetch(`${sb.baseUrl}/images?type=USER&id=alice`, { headers: asUser() });
const statuses = async (n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await alice()).status);
  return out;
};

describe('rateLimit', () => {
  it('answers 429 with Retry-After for exactly N requests', async () => {
    sb.knobs.rateLimit = { count: 2, retryAfter: '2' };
    const first = await alice();
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '2']);
    const second = await alice();
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '2']);
    const third = await alice();
    expect([third.status, third.headers.get('retry-after')]).toEqual([200, null]);
    expect(sb.knobs.rateLimit.count).toBe(0);
  });

  it('passes an HTTP-date Retry-After through, and sends none when unset', async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    sb.knobs.rateLimit = { count: 1, retryAfter: date };
    expect((await alice()).headers.get('retry-after')).toBe(date);
    sb.knobs.rateLimit = { count: 1 };
    const res = await alice();
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, null]);
  });

  it('applies before auth, like a gateway would', async () => {
    sb.knobs.rateLimit = { count: 1, retryAfter: '1' };
    expect((await fetch(`${sb.baseUrl}/images?key=seed-bob`)).status).toBe(429);
    expect((await fetch(`${sb.baseUrl}/images?key=seed-bob`)).status).toBe(401);
  });
});

describe('status knobs', () => {
  it('unauthorizedCount: next N answer 401 despite a good token', async () => {
    sb.knobs.unauthorizedCount = 1;
    expect(await statuses(2)).toEqual([401, 200]);
  });

  it('serverErrorCount: next N answer 500', async () => {
    sb.knobs.serverErrorCount = 2;
    expect(await statuses(3)).toEqual([500, 500, 200]);
    expect(sb.knobs.serverErrorCount).toBe(0);
  });

  it('uses one armed fault per request, in the order drop, 429, 401, 500', () => {
    const knobs = { ...defaultKnobs(), dropConnectionCount: 1, rateLimit: { count: 1 }, unauthorizedCount: 1, serverErrorCount: 1 };
    expect([takeFault(knobs), takeFault(knobs), takeFault(knobs), takeFault(knobs), takeFault(knobs)]).toEqual([
      'drop', 'rateLimit', 'unauthorized', 'serverError', undefined,
    ]);
  });

  it('does not fault preflights', async () => {
    sb.knobs.serverErrorCount = 1;
    expect((await fetch(`${sb.baseUrl}/images`, { method: 'OPTIONS' })).status).toBe(204);
    expect(sb.knobs.serverErrorCount).toBe(1);
  });
});

describe('timing knobs', () => {
  it('latencyMs delays the answer', async () => {
    sb.knobs.latencyMs = 300;
    const start = performance.now();
    expect((await alice()).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(280);
    expect(sb.knobs.latencyMs).toBe(300); // not a counter: stays until changed
  });

  it('slowBodyMs sends headers at once and trickles the body, intact', async () => {
    const expected = sb.images.getByKey('seed-alice')!.bytes;
    sb.knobs.slowBodyMs = 800;
    const res = await alice();
    const headersAt = performance.now(); // fetch resolves on headers
    const body = await bytesOf(res);
    // The body keeps coming for about slowBodyMs after the headers (load only makes it longer).
    expect(performance.now() - headersAt).toBeGreaterThanOrEqual(600);
    expect(body.equals(expected)).toBe(true);
  });
});

describe('dropConnectionCount', () => {
  it('destroys the socket so fetch rejects, then recovers', async () => {
    sb.knobs.dropConnectionCount = 1;
    await expect(alice()).rejects.toThrow();
    expect(sb.knobs.dropConnectionCount).toBe(0);
    expect((await alice()).status).toBe(200);
    const dropped = sb.log[0]!;
    expect([dropped.fault, dropped.status]).toEqual(['drop', null]);
  });

  it('drops uploads too', async () => {
    sb.knobs.dropConnectionCount = 1;
    const upload = fetch(`${sb.baseUrl}/uploadimage?type=UGC&id=x`, { method: 'POST', headers: asUser({ 'content-type': 'image/png' }), body: 'x' });
    await expect(upload).rejects.toThrow();
    expect(sb.images.count()).toBe(3);
  });
});

describe('mergeKnobs', () => {
  it('merges top-level keys and refuses typos and bad values', () => {
    const knobs = defaultKnobs();
    mergeKnobs(knobs, { latencyMs: 5 });
    mergeKnobs(knobs, { rateLimit: { count: 3, retryAfter: '7' } });
    expect(knobs).toEqual({ ...defaultKnobs(), latencyMs: 5, rateLimit: { count: 3, retryAfter: '7' } });
    mergeKnobs(knobs, { rateLimit: null });
    expect(knobs.rateLimit).toEqual({ count: 0 });
    expect(() => mergeKnobs(knobs, { latencyMS: 5 })).toThrow(/unknown knob/);
    expect(() => mergeKnobs(knobs, { serverErrorCount: -1 })).toThrow();
    expect(() => mergeKnobs(knobs, { slowBodyMs: '5' })).toThrow();
    expect(() => mergeKnobs(knobs, { rateLimit: { count: 1, retryAfter: 2 } })).toThrow();
    expect(() => mergeKnobs(knobs, [])).toThrow();
    expect(() => mergeKnobs(knobs, { latencyMs: 9, bogus: 1 })).toThrow();
    expect(knobs.latencyMs).toBe(5); // a refused patch changes nothing
  });
});
