import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGleanClient } from '../../../src/glean/client';
import { toErrorInfo } from '../../../src/glean/errors';
import { fakeFetch, hangingFetch, jsonResponse, opaqueRedirectResponse, type Responder } from './fake-fetch';
import { failure } from './failure';

const BASE = 'https://acme-be.glean.com/rest/api/v1';
const TOKEN = 'sekrit-token';

function setup(respond: Responder, timeoutMs?: number) {
  const f = fakeFetch(respond);
  const c = createGleanClient({
    baseUrl: BASE,
    getAuth: async () => ({ kind: 'user', token: TOKEN }),
    fetch: f.fetch,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  return { ...f, c };
}

const getKey = (c: ReturnType<typeof setup>['c']) => c.getImage({ key: 'k' });

afterEach(() => {
  vi.useRealTimers();
});

describe('status mapping', () => {
  it('400 with a text reason', async () => {
    const { c } = setup(() => new Response('  unknown image type\n', { status: 400, headers: { 'Content-Type': 'text/plain' } }));
    const e = await failure(getKey(c));
    expect(e.kind).toBe('bad-request');
    expect(e.status).toBe(400);
    expect(e.serverMessage).toBe('unknown image type');
    expect(e.message).toBe('Glean rejected the request (400): unknown image type');
    expect(e.url).toBe(`${BASE}/images?key=k`);
  });

  it('400 with a JSON reason', async () => {
    const { c } = setup(() => jsonResponse({ message: 'id is required for USER', code: 7 }, 400));
    const e = await failure(getKey(c));
    expect(e.kind).toBe('bad-request');
    expect(e.serverMessage).toBe('id is required for USER');
    expect(e.message).toBe('Glean rejected the request (400): id is required for USER');
  });

  it('400 with a JSON error field, and with a huge body capped', async () => {
    const { c } = setup(() => jsonResponse({ error: 'bad ds' }, 400));
    expect((await failure(getKey(c))).serverMessage).toBe('bad ds');
    const { c: c2 } = setup(() => new Response('x'.repeat(5000), { status: 400 }));
    expect((await failure(getKey(c2))).serverMessage!.length).toBeLessThanOrEqual(300);
  });

  it.each([
    [401, 'unauthorized', /Glean refused the token \(401\)\. Check the token, or sign in again\./],
    [403, 'unauthorized', /403/],
    [404, 'not-found', /404/],
    [500, 'server', /Glean had a server error \(500\)/],
    [503, 'server', /Glean had a server error \(503\)/],
    [418, 'bad-response', /unexpected status \(418\)/],
  ])('%i -> %s', async (status, kind, message) => {
    const { c } = setup(() => new Response('nope', { status }));
    const e = await failure(getKey(c));
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.message).toMatch(message);
  });

  it('429 with delta seconds', async () => {
    const { c } = setup(() => new Response('', { status: 429, headers: { 'Retry-After': '17' } }));
    const e = await failure(getKey(c));
    expect(e.kind).toBe('rate-limited');
    expect(e.retryAfterSeconds).toBe(17);
    expect(e.message).toBe('Glean is rate limiting requests (429). Try again in 17 seconds.');
    expect(toErrorInfo(e)).toEqual({ kind: 'rate-limited', message: e.message, status: 429, retryAfterSeconds: 17 });
  });

  it('429 with an HTTP date', async () => {
    vi.useFakeTimers({ now: Date.UTC(2025, 0, 15, 12, 0, 0), toFake: ['Date'] });
    const { c } = setup(() => new Response('', { status: 429, headers: { 'Retry-After': 'Wed, 15 Jan 2025 12:01:30 GMT' } }));
    const e = await failure(getKey(c));
    expect(e.retryAfterSeconds).toBe(90);
    expect(e.message).toMatch(/Try again in 90 seconds\./);
  });

  it('429 without Retry-After', async () => {
    const { c } = setup(() => new Response('', { status: 429 }));
    const e = await failure(getKey(c));
    expect(e.kind).toBe('rate-limited');
    expect(e.retryAfterSeconds).toBeUndefined();
  });

  it('upload errors map the same way', async () => {
    const { c } = setup(() => new Response('', { status: 401 }));
    const e = await failure(c.uploadImage(new Uint8Array([1]).buffer, 'image/png', { type: 'USER' }));
    expect(e.kind).toBe('unauthorized');
  });
});

describe('redirects', () => {
  it('a 302 (as Node fetch reports it) is refused', async () => {
    const { c, calls } = setup(() => new Response(null, { status: 302, headers: { Location: 'https://acme.glean.com/login' } }));
    const e = await failure(getKey(c));
    expect(e.kind).toBe('redirect');
    expect(e.status).toBe(302);
    expect(e.message).toMatch(/backend address redirects/);
    expect(calls).toHaveLength(1); // and nothing followed it
  });

  it('an opaque redirect (as browsers report it) is refused', async () => {
    const { c } = setup(() => opaqueRedirectResponse());
    const e = await failure(c.uploadImage(new Uint8Array([1]).buffer, 'image/png', { type: 'USER' }));
    expect(e.kind).toBe('redirect');
    expect(e.status).toBeUndefined();
    expect(e.message).toMatch(/Correct the backend address/);
  });
});

describe('bad image answers', () => {
  it.each([
    ['text/html; charset=utf-8', /Glean answered with text\/html instead of an image/],
    ['application/json', /application\/json instead of an image/],
  ])('a 200 with %s is bad-response', async (ct, message) => {
    const { c } = setup(() => new Response('<html>Sign in</html>', { status: 200, headers: { 'Content-Type': ct } }));
    const e = await failure(getKey(c));
    expect(e.kind).toBe('bad-response');
    expect(e.message).toMatch(message);
  });

  it('a 200 without content type or with no bytes is bad-response', async () => {
    const { c } = setup(() => new Response(new Uint8Array([1, 2])));
    const noType = await failure(getKey(c));
    expect(noType.kind).toBe('bad-response');
    expect(noType.message).toMatch(/no content type/);
    const { c: c2 } = setup(() => new Response(new Uint8Array(0), { headers: { 'Content-Type': 'image/png' } }));
    expect((await failure(getKey(c2))).message).toMatch(/empty image/);
  });
});

describe('network, timeout and abort', () => {
  it('a rejected fetch is a network error naming the address, not the token', async () => {
    const { c } = setup(() => {
      throw new TypeError('Failed to fetch');
    });
    const e = await failure(getKey(c));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/Could not reach Glean at https:\/\/acme-be\.glean\.com/);
    expect(e.url).toBe(`${BASE}/images?key=k`);
    expect(JSON.stringify({ ...toErrorInfo(e), url: e.url, message: e.message })).not.toContain(TOKEN);
  });

  it('times out a fetch that never answers', async () => {
    const h = hangingFetch();
    const c = createGleanClient({ baseUrl: BASE, getAuth: async () => ({ kind: 'user', token: 't' }), fetch: h.fetch, timeoutMs: 20 });
    const started = Date.now();
    const e = await failure(getKey(c));
    expect(e.kind).toBe('timeout');
    expect(e.message).toMatch(/did not answer within 1 second\./);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(h.calls()).toBe(1);
  });

  it('the timeout also covers reading the body (with fake timers)', async () => {
    vi.useFakeTimers();
    const never = new ReadableStream<Uint8Array>({ start() {} });
    const { c } = setup(() => new Response(never, { headers: { 'Content-Type': 'image/png' } }), 30_000);
    const p = failure(getKey(c));
    await vi.advanceTimersByTimeAsync(29_999);
    let settled = false;
    void p.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const e = await p;
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('Glean did not answer within 30 seconds.');
  });

  it('a fetch that ignores its signal still times out', async () => {
    const c = createGleanClient({
      baseUrl: BASE,
      getAuth: async () => ({ kind: 'user', token: 't' }),
      fetch: () => new Promise<Response>(() => {}),
      timeoutMs: 10,
    });
    expect((await failure(c.getImage({ key: 'k' }))).kind).toBe('timeout');
  });

  it('a caller abort during fetch is "aborted", not timeout or network', async () => {
    const h = hangingFetch();
    const c = createGleanClient({ baseUrl: BASE, getAuth: async () => ({ kind: 'user', token: 't' }), fetch: h.fetch });
    const ac = new AbortController();
    const p = failure(c.getImage({ key: 'k' }, { signal: ac.signal }));
    await vi.waitFor(() => expect(h.calls()).toBe(1));
    ac.abort();
    const e = await p;
    expect(e.kind).toBe('aborted');
    expect(toErrorInfo(e).kind).toBe('aborted');
  });

  it('an already aborted signal sends nothing', async () => {
    const { c, calls } = setup(() => jsonResponse({ url: 'x' }));
    const ac = new AbortController();
    ac.abort();
    expect((await failure(c.getImage({ key: 'k' }, { signal: ac.signal }))).kind).toBe('aborted');
    expect((await failure(c.uploadImage(new Uint8Array([1]).buffer, 'image/png', { type: 'USER' }, { signal: ac.signal }))).kind).toBe('aborted');
    expect(calls).toHaveLength(0);
  });

  it('a caller abort while getAuth is pending sends nothing', async () => {
    const f = fakeFetch();
    const c = createGleanClient({ baseUrl: BASE, getAuth: () => new Promise(() => {}), fetch: f.fetch });
    const ac = new AbortController();
    const p = failure(c.getImage({ key: 'k' }, { signal: ac.signal }));
    ac.abort();
    expect((await p).kind).toBe('aborted');
    expect(f.calls).toHaveLength(0);
  });

  it('a caller abort while the body is read is "aborted"', async () => {
    // Asked for its first chunk only once the client reads the body (high-water mark 0), never answering.
    let reading = false;
    const never = new ReadableStream<Uint8Array>({ pull: () => void (reading = true) }, { highWaterMark: 0 });
    const { c } = setup(() => new Response(never, { headers: { 'Content-Type': 'image/png' } }));
    const ac = new AbortController();
    const p = failure(c.getImage({ key: 'k' }, { signal: ac.signal }));
    await vi.waitFor(() => expect(reading).toBe(true));
    ac.abort();
    expect((await p).kind).toBe('aborted');
  });

  it('a finished request leaves no timer running', async () => {
    vi.useFakeTimers();
    const { c } = setup(() => new Response(new Uint8Array([1]), { headers: { 'Content-Type': 'image/gif' } }));
    await c.getImage({ key: 'k' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
