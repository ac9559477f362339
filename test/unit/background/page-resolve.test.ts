import { forgetToken } from '../../../src/background/credentials';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resolveHandlers, resolveKeys } from '../../../src/background/page-resolve';
import { setSecret } from '../../../src/db/secrets';
import { storeSettings } from '../../../src/db/settings';
import { storeSites } from '../../../src/db/sites';
import { GleanError } from '../../../src/glean/errors';
import type { ResolvedImage } from '../../../src/messaging/protocol';
import { createRouter } from '../../../src/messaging/router';
import { resetDb } from '../db/reset-db';
import { SELF, emulateBrowserOrigins } from '../messaging/extension-url';
import { PNG, recordingFetch, textResponse } from './recording-fetch';

const bytesOf = (key: string) => new TextEncoder().encode(`img:${key}`).buffer as ArrayBuffer;
const ok = (key: string) => ({ bytes: bytesOf(key), contentType: 'image/png' });
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('resolveKeys', () => {
  it('fetches each distinct key once and keeps first-seen order', async () => {
    const getImage = vi.fn(async (key: string) => ok(key));
    const out = await resolveKeys(['b', 'a', 'b', 'c', 'a', 'a'], getImage);
    expect(out.map((r) => r.key)).toEqual(['b', 'a', 'c']);
    expect(getImage).toHaveBeenCalledTimes(3);
    expect(getImage.mock.calls.map((c) => c[0]).sort()).toEqual(['a', 'b', 'c']);
    expect(out.every((r) => r.ok)).toBe(true);
    expect(new TextDecoder().decode((out[1] as Extract<ResolvedImage, { ok: true }>).bytes)).toBe('img:a');
  });

  it('keeps request order even when later keys finish first', async () => {
    const delay: Record<string, number> = { k1: 30, k2: 20, k3: 10, k4: 0, k5: 5, k6: 1 };
    const out = await resolveKeys(Object.keys(delay), async (key) => {
      await tick(delay[key]);
      return ok(key);
    });
    expect(out.map((r) => r.key)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    for (const r of out) expect(r.ok && new TextDecoder().decode(r.bytes)).toBe(`img:${r.key}`);
  });

  it('maps errors per key without failing the others', async () => {
    const out = await resolveKeys(['good', 'missing', 'weird', 'slow', 'good'], async (key) => {
      if (key === 'missing') throw new GleanError('not-found', 'Nothing here (404).', { status: 404, url: 'https://x/images?key=missing' });
      if (key === 'weird') throw new Error('boom');
      if (key === 'slow') await tick(5);
      return ok(key);
    });
    expect(out).toEqual([
      { key: 'good', ok: true, ...ok('good') },
      { key: 'missing', ok: false, error: { kind: 'not-found', message: 'Nothing here (404).', status: 404 } },
      { key: 'weird', ok: false, error: { kind: 'unknown', message: 'boom' } },
      { key: 'slow', ok: true, ...ok('slow') },
    ]);
  });

  it('keeps rate-limit details per key', async () => {
    const out = await resolveKeys(['a'], async () => {
      throw new GleanError('rate-limited', 'Slow down.', { status: 429, retryAfterSeconds: 12 });
    });
    expect(out).toEqual([{ key: 'a', ok: false, error: { kind: 'rate-limited', message: 'Slow down.', status: 429, retryAfterSeconds: 12 } }]);
  });

  it('never has more than 4 requests in flight, and does use 4', async () => {
    let inFlight = 0;
    let peak = 0;
    const keys = Array.from({ length: 23 }, (_, i) => `k${i}`);
    const out = await resolveKeys([...keys, ...keys], async (key) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick(Number(key.slice(1)) % 3);
      inFlight--;
      if (key === 'k7') throw new GleanError('server', 'Server error (500).', { status: 500 });
      return ok(key);
    });
    expect(peak).toBe(4);
    expect(inFlight).toBe(0);
    expect(out.map((r) => r.key)).toEqual(keys);
    expect(out.filter((r) => !r.ok).map((r) => r.key)).toEqual(['k7']);
  });

  it('uses fewer workers than 4 for fewer keys', async () => {
    let inFlight = 0;
    let peak = 0;
    await resolveKeys(['a', 'b'], async (key) => {
      peak = Math.max(peak, ++inFlight);
      await tick(1);
      inFlight--;
      return ok(key);
    });
    expect(peak).toBe(2);
  });

  it('answers an empty list without calling anything', async () => {
    const getImage = vi.fn(async (key: string) => ok(key));
    expect(await resolveKeys([], getImage)).toEqual([]);
    expect(getImage).not.toHaveBeenCalled();
  });
});

describe('page.resolve through the router', () => {
  const ACME = 'https://acme-be.glean.com/rest/api/v1';
  const SITE = 'https://intranet.example.com';
  const content = (url: string) => ({ id: SELF.id, url, origin: new URL(url).origin, tab: { id: 9 }, frameId: 0 });
  const realFetch = globalThis.fetch;
  let net: ReturnType<typeof recordingFetch>;
  let route: ReturnType<typeof createRouter>;

  beforeEach(async () => {
    fakeBrowser.reset();
    await resetDb();
    emulateBrowserOrigins();
    net = recordingFetch((req) => (new URL(req.url).searchParams.get('key') === 'gone' ? textResponse(404) : new Response(PNG.slice(), { headers: { 'Content-Type': 'image/png' } })));
    vi.stubGlobal('fetch', net.fetch);
    route = createRouter(resolveHandlers, SELF);
    await storeSettings({ apiBase: ACME, tokenType: 'global', actAs: 'jane@acme.com', userId: '' });
    await setSecret('apiToken', 'tok');
    await storeSites([SITE]);
  });

  afterEach(() => {
    vi.stubGlobal('fetch', realFetch);
  });

  it('fetches each key from the configured backend, by key only, with the token', async () => {
    const reply = await route({ type: 'page.resolve', payload: { keys: ['a', 'x&type=USER&id=ceo', 'a', 'gone'] } }, content(`${SITE}:8443/wiki?p=1`));
    expect(reply.ok).toBe(true);
    const value = (reply.ok ? reply.value : []) as ResolvedImage[];
    expect(value.map((r) => [r.key, r.ok])).toEqual([['a', true], ['x&type=USER&id=ceo', true], ['gone', false]]);
    expect(value[0]!.ok && value[0]!.bytes).toBeInstanceOf(ArrayBuffer);
    expect(net.requests).toHaveLength(3);
    for (const r of net.requests) {
      const url = new URL(r.url);
      expect(`${url.origin}${url.pathname}`).toBe(`${ACME}/images`);
      expect([...url.searchParams.keys()]).toEqual(['key']); // a key cannot smuggle other parameters
      expect(r.headers.get('authorization')).toBe('Bearer tok');
      expect(r.headers.get('x-scio-actas')).toBe('jane@acme.com');
    }
    expect(net.requests.map((r) => new URL(r.url).searchParams.get('key')).sort()).toEqual(['a', 'gone', 'x&type=USER&id=ceo']);
  });

  it.each(['https://evil.example/', 'http://intranet.example.com/', 'https://intranet.example.com.evil.example/'])(
    'refuses a page on %s (site not enabled) without any fetch',
    async (url) => {
      const reply = await route({ type: 'page.resolve', payload: { keys: ['a'] } }, content(url));
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/not enabled/) });
      expect(net.spy).not.toHaveBeenCalled();
    },
  );

  it('refuses a content script on about:blank at the router, before any handler', async () => {
    const reply = await route({ type: 'page.resolve', payload: { keys: ['a'] } }, content('about:blank'));
    expect(reply).toEqual({ ok: false, error: { kind: 'refused', message: 'Messages are accepted only from this extension.' } });
    expect(net.spy).not.toHaveBeenCalled();
  });

  it('refuses when the extension is not set up, without any fetch', async () => {
    await forgetToken();
    const reply = await route({ type: 'page.resolve', payload: { keys: ['a'] } }, content(`${SITE}/`));
    expect(reply.ok).toBe(false);
    expect(net.spy).not.toHaveBeenCalled();
  });
});
