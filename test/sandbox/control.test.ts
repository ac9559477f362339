/** The request log and the HTTP control endpoints under /__sandbox/. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_SHA256 } from './request-log.js';
import { solidPng, startSandbox, type RequestRecord, type Sandbox } from './server.js';
import { asGlobal, asUser, sha256, toBody } from './test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const control = (path: string, body?: unknown) =>
  fetch(`${sb.origin}/__sandbox/${path}`, body === undefined ? {} : { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('request log', () => {
  it('records method, path, query, lower-cased headers, body fingerprint, status and times', async () => {
    const png = solidPng(4, 4, [1, 2, 3, 255]);
    const before = Date.now();
    await fetch(`${sb.baseUrl}/uploadimage?type=UGC&id=doc&ds=`, { method: 'POST', headers: asGlobal('eve@example.com', { 'Content-Type': 'image/png' }), body: toBody(png) });
    await fetch(`${sb.baseUrl}/images?key=nope`, { headers: asUser() });
    expect(sb.log).toHaveLength(2);
    const [up, get] = sb.log as [RequestRecord, RequestRecord];
    expect(up).toMatchObject({ method: 'POST', path: '/rest/api/v1/uploadimage', query: { type: 'UGC', id: 'doc', ds: '' }, status: 200, fault: null, bodyLength: png.length });
    expect(up.bodySha256).toBe(sha256(png));
    expect(up.headers['x-scio-actas']).toBe('eve@example.com');
    expect(up.headers['content-type']).toBe('image/png');
    expect(up.headers.authorization).toBe('Bearer sandbox-global-token');
    expect(up.start).toBeGreaterThanOrEqual(before);
    expect(up.end).toBeGreaterThanOrEqual(up.start);
    expect(get).toMatchObject({ method: 'GET', path: '/rest/api/v1/images', query: { key: 'nope' }, status: 404, bodyLength: 0, bodySha256: EMPTY_SHA256 });
  });

  it('records faults and failed auth', async () => {
    sb.knobs.rateLimit = { count: 1, retryAfter: '3' };
    await fetch(`${sb.baseUrl}/images?key=seed-alice`, { headers: asUser() });
    await fetch(`${sb.baseUrl}/images?key=seed-alice`);
    expect(sb.log.map((r) => [r.status, r.fault])).toEqual([[429, 'rateLimit'], [401, null]]);
  });

  it('clearLog empties the same array', async () => {
    const log = sb.log;
    await fetch(`${sb.baseUrl}/images?key=seed-alice`, { headers: asUser() });
    expect(log).toHaveLength(1);
    sb.clearLog();
    expect(sb.log).toBe(log);
    expect(log).toHaveLength(0);
  });

  it('logs demo requests but never control requests', async () => {
    await fetch(`${sb.origin}/demo/img/red.png`);
    await control('knobs');
    await control('log');
    expect(sb.log.map((r) => r.path)).toEqual(['/demo/img/red.png']);
  });
});

describe('control endpoints', () => {
  it('GET/POST knobs merges and answers the knobs, which the API obeys', async () => {
    let res = await control('knobs', { serverErrorCount: 1 });
    expect(res.status).toBe(200);
    res = await control('knobs', { rateLimit: { count: 1, retryAfter: '9' } });
    expect(await res.json()).toMatchObject({ serverErrorCount: 1, rateLimit: { count: 1, retryAfter: '9' } });
    expect(sb.knobs.serverErrorCount).toBe(1);
    const first = await fetch(`${sb.baseUrl}/images?key=seed-alice`, { headers: asUser() });
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '9']);
    expect((await fetch(`${sb.baseUrl}/images?key=seed-alice`, { headers: asUser() })).status).toBe(500);
    expect(await (await control('knobs')).json()).toMatchObject({ serverErrorCount: 0, rateLimit: { count: 0 } });
  });

  it('refuses bad knob patches with 400', async () => {
    for (const body of ['{not json', { retryAfter: 1 }, { latencyMs: -5 }, [1]]) {
      const res = await control('knobs', body);
      expect(res.status).toBe(400);
    }
    expect(sb.knobs.latencyMs).toBe(0);
  });

  it('GET log answers the log as JSON; POST log/clear empties it', async () => {
    await fetch(`${sb.baseUrl}/images?type=USER&id=bob`, { headers: asUser() });
    const log = (await (await control('log')).json()) as RequestRecord[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: 'GET', query: { type: 'USER', id: 'bob' }, status: 200 });
    expect((await control('log/clear', {})).status).toBe(200);
    expect(sb.log).toHaveLength(0);
    expect(await (await control('log')).json()).toEqual([]);
  });

  it('POST reset restores knobs, log and images', async () => {
    await fetch(`${sb.baseUrl}/uploadimage?type=USER&id=alice`, { method: 'POST', headers: asUser({ 'content-type': 'image/png' }), body: toBody(solidPng(2, 2, [0, 0, 0, 255])) });
    sb.knobs.latencyMs = 50;
    expect(sb.images.getByKey('seed-alice')).toBeUndefined();
    expect((await control('reset', {})).status).toBe(200);
    expect(sb.knobs.latencyMs).toBe(0);
    expect(sb.log).toHaveLength(0);
    expect(sb.images.count()).toBe(3);
    expect(sb.images.getByKey('seed-alice')).toBeDefined();
  });

  it('POST tokens adds an accepted token', async () => {
    const headers = { authorization: 'Bearer later-token' };
    expect((await fetch(`${sb.baseUrl}/images?key=seed-alice`, { headers })).status).toBe(401);
    expect((await control('tokens', { token: 'later-token', kind: 'user' })).status).toBe(200);
    expect((await fetch(`${sb.baseUrl}/images?key=seed-alice`, { headers })).status).toBe(200);
    expect((await control('tokens', { token: 'x', kind: 'admin' })).status).toBe(400);
  });

  it('404 for unknown control endpoints, no token needed anywhere', async () => {
    expect((await control('nothing')).status).toBe(404);
    expect((await control('reset')).status).toBe(404); // GET reset: wrong method
  });
});
