import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { credentialsChanged, forgetToken } from '../../../src/background/credentials';
import { pageConfigHandlers, resolveHandlers, withinBudget } from '../../../src/background/page-resolve';
import { imageCacheUsage } from '../../../src/db/image-cache';
import { setRecord } from '../../../src/db/records';
import { setSecret } from '../../../src/db/secrets';
import { storeSettings } from '../../../src/db/settings';
import { storeSites } from '../../../src/db/sites';
import type { PageConfig, ResolvedImage } from '../../../src/messaging/protocol';
import { createRouter } from '../../../src/messaging/router';
import { resetDb } from '../db/reset-db';
import { SELF, emulateBrowserOrigins } from '../messaging/extension-url';
import { PNG, recordingFetch, textResponse } from './recording-fetch';

const ACME = 'https://acme-be.glean.com/rest/api/v1';
const SITE = 'https://intranet.example.com';
const content = (url: string) => ({ id: SELF.id, url, origin: new URL(url).origin, tab: { id: 9 }, frameId: 0 });
const realFetch = globalThis.fetch;
let net: ReturnType<typeof recordingFetch>;
let route: ReturnType<typeof createRouter>;

async function resolve(payload: unknown, url = `${SITE}/wiki`): Promise<ResolvedImage[]> {
  const reply = await route({ type: 'page.resolve', payload }, content(url));
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value as ResolvedImage[];
}

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  emulateBrowserOrigins();
  // Earlier tests' images must not be served from the resolver's memory.
  await credentialsChanged();
  net = recordingFetch((req) => {
    const q = new URL(req.url).searchParams;
    if (q.get('key') === 'gone') return textResponse(404);
    if (q.get('key') === 'busy') return textResponse(429, '', { 'Retry-After': '7' });
    return new Response(PNG.slice(), { headers: { 'Content-Type': 'image/png' } });
  });
  vi.stubGlobal('fetch', net.fetch);
  route = createRouter({ ...resolveHandlers, ...pageConfigHandlers }, SELF);
  await storeSettings({ apiBase: ACME, tokenType: 'global', actAs: 'jane@acme.com', userId: '' });
  await setSecret('apiToken', 'tok');
  await storeSites([SITE]);
});

afterEach(() => {
  vi.stubGlobal('fetch', realFetch);
});

describe('page.resolve', () => {
  it('fetches keys from the configured backend, by key only, with the token, one answer per key in order', async () => {
    const value = await resolve({ keys: ['a', 'x&type=USER&id=ceo', 'a', 'gone'] }, `${SITE}:8443/wiki?p=1`);
    expect(value.map((r) => [r.key, r.ok])).toEqual([['a', true], ['x&type=USER&id=ceo', true], ['a', true], ['gone', false]]);
    expect(value[0]!.ok && value[0]!.bytes).toBeInstanceOf(ArrayBuffer);
    expect(value[3]).toMatchObject({ ok: false, error: { kind: 'not-found', status: 404 } });
    expect(net.requests).toHaveLength(3);
    for (const r of net.requests) {
      const url = new URL(r.url);
      expect(`${url.origin}${url.pathname}`).toBe(`${ACME}/images`);
      expect([...url.searchParams.keys()]).toEqual(['key']); // a key cannot smuggle other parameters
      expect(r.headers.get('authorization')).toBe('Bearer tok');
      expect(r.headers.get('x-scio-actas')).toBe('jane@acme.com');
    }
  });

  it('takes refs by key or by metadata, and builds every URL itself', async () => {
    const value = await resolve({ refs: [{ key: 'k1' }, { type: 'USER', id: 'alice' }, { type: 'UGC', id: 'd', ds: 'wiki', cid: 'thumb' }] });
    expect(value.map((r) => r.ok)).toEqual([true, true, true]);
    expect(value.map((r) => r.key)).toEqual(['k1', undefined, undefined]);
    expect(net.requests.map((r) => new URL(r.url).search).sort()).toEqual(['?key=k1', '?type=UGC&id=d&ds=wiki&cid=thumb', '?type=USER&id=alice']);
  });

  it.each([
    ['a URL', { refs: [{ url: 'https://evil.example/steal' }] }],
    ['a key mixed with metadata', { refs: [{ key: 'a', type: 'USER' }] }],
    ['an unknown type', { refs: [{ type: 'user', id: 'a' }] }],
    ['both keys and refs', { keys: ['a'], refs: [{ key: 'a' }] }],
    ['no refs', { refs: [] }],
    ['too many refs', { refs: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}` })) }],
  ])('refuses %s before anything runs', async (_, payload) => {
    const reply = await route({ type: 'page.resolve', payload }, content(`${SITE}/`));
    expect(reply).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(net.spy).not.toHaveBeenCalled();
  });

  it('serves a second ask without fetching, and stores both in IndexedDB', async () => {
    await resolve({ refs: [{ key: 'k1' }, { type: 'USER', id: 'bob' }] });
    expect(net.requests).toHaveLength(2);
    await resolve({ refs: [{ type: 'USER', id: 'bob' }, { key: 'k1' }] });
    expect(net.requests).toHaveLength(2);
    await vi.waitFor(async () => expect((await imageCacheUsage()).count).toBe(2));
  });

  it('empties the cache when the credentials change, and fetches again', async () => {
    await resolve({ refs: [{ key: 'k1' }] });
    await vi.waitFor(async () => expect((await imageCacheUsage()).count).toBe(1));
    await credentialsChanged();
    expect(await imageCacheUsage()).toEqual({ count: 0, bytes: 0 });
    await resolve({ refs: [{ key: 'k1' }] });
    expect(net.requests).toHaveLength(2);
  });

  it.each(['https://evil.example/', 'http://intranet.example.com/', 'https://intranet.example.com.evil.example/'])(
    'refuses a page on %s (site not enabled) without any fetch',
    async (url) => {
      const reply = await route({ type: 'page.resolve', payload: { refs: [{ key: 'a' }] } }, content(url));
      expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/not enabled/) } });
      expect(net.spy).not.toHaveBeenCalled();
    },
  );

  it('answers any https page once every site is enabled', async () => {
    await setRecord('resolveEverywhere', true);
    expect((await resolve({ refs: [{ key: 'a' }] }, 'https://elsewhere.example/')).map((r) => r.ok)).toEqual([true]);
  });

  it('refuses a content script on about:blank at the router, before any handler', async () => {
    const reply = await route({ type: 'page.resolve', payload: { keys: ['a'] } }, content('about:blank'));
    expect(reply).toEqual({ ok: false, error: { kind: 'refused', message: 'Messages are accepted only from this extension.' } });
    expect(net.spy).not.toHaveBeenCalled();
  });

  it('refuses when the extension is not set up, without any fetch', async () => {
    await forgetToken();
    const reply = await route({ type: 'page.resolve', payload: { keys: ['a'] } }, content(`${SITE}/`));
    expect(reply).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(net.spy).not.toHaveBeenCalled();
  });
});

describe('withinBudget', () => {
  const img = (n: number, key?: string): ResolvedImage => ({ ...(key ? { key } : {}), ok: true, bytes: new ArrayBuffer(n), contentType: 'image/png' });

  it('keeps images up to the budget and defers the rest, always giving at least one', () => {
    const out = withinBudget([img(60, 'a'), { ok: false, error: { kind: 'not-found', message: 'x' } }, img(30), img(20, 'c')], 100);
    expect(out.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['ok', 'not-found', 'ok', 'deferred']);
    expect(out[3]!.key).toBe('c');
    expect(withinBudget([img(500)], 100).map((r) => r.ok)).toEqual([true]);
  });
});

describe('page.config', () => {
  const config = async (url: string) => route({ type: 'page.config', payload: null }, content(url));

  it('tells an enabled page the API base and an epoch, never the token', async () => {
    const reply = await config(`${SITE}/wiki`);
    expect(reply).toEqual({ ok: true, value: { apiBase: ACME, epoch: expect.any(Number) } });
    expect(JSON.stringify(reply)).not.toContain('tok');
  });

  it('changes the epoch when the credentials change', async () => {
    const before = ((await config(`${SITE}/`)) as { value: PageConfig }).value.epoch;
    await credentialsChanged();
    const after = ((await config(`${SITE}/`)) as { value: PageConfig }).value.epoch;
    expect(after).not.toBe(before);
  });

  it('refuses a page that is not enabled, and any payload', async () => {
    expect(await config('https://evil.example/')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not enabled/) } });
    expect(await route({ type: 'page.config', payload: { apiBase: 'x' } }, content(`${SITE}/`))).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });
});

// Last: the 429 closes the background's shared rate gate (module state) for the rest of the file.
describe('page.resolve and the shared rate gate', () => {
  it('answers a 429 with Retry-After, and then asks nobody until it has passed', async () => {
    const [busy] = await resolve({ refs: [{ key: 'busy' }] });
    expect(busy).toMatchObject({ ok: false, error: { kind: 'rate-limited', status: 429, retryAfterSeconds: 7 } });
    const [other] = await resolve({ refs: [{ key: 'k2' }] });
    expect(other).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expect(net.requests).toHaveLength(1);
  });
});
