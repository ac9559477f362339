import { describe, expect, it } from 'vitest';
import { createGleanClient } from '../../../src/glean/client';
import { GleanError } from '../../../src/glean/errors';
import type { GleanAuth } from '../../../src/glean/types';
import { PNG_BYTES, fakeFetch, pngResponse } from './fake-fetch';
import { failure } from './failure';

const BASE = 'https://acme-be.glean.com/rest/api/v1';

function client(fetch: typeof globalThis.fetch, auth: GleanAuth = { kind: 'user', token: 'sekrit' }) {
  return createGleanClient({ baseUrl: 'acme', getAuth: async () => auth, fetch });
}

describe('getImage', () => {
  it('sends GET /images with the query, Accept image/* and no redirects or cookies', async () => {
    const f = fakeFetch();
    const c = client(f.fetch);
    expect(c.baseUrl).toBe(BASE);

    const result = await c.getImage({ type: 'USER', id: 'Zoë 🖼 & co', ds: '', cid: 'a=b+c' });

    expect(f.calls).toHaveLength(1);
    const req = f.calls[0]!;
    expect(req.method).toBe('GET');
    const url = new URL(req.url);
    expect(url.origin + url.pathname).toBe(`${BASE}/images`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ type: 'USER', id: 'Zoë 🖼 & co', cid: 'a=b+c' });
    expect(req.headers.get('accept')).toBe('image/*');
    expect(req.headers.get('authorization')).toBe('Bearer sekrit');
    expect(req.headers.has('x-scio-actas')).toBe(false);
    expect(req.headers.has('x-glean-auth-type')).toBe(false);
    expect(req.init.redirect).toBe('manual');
    expect(req.init.credentials).toBe('omit');
    expect(req.init.signal).toBeInstanceOf(AbortSignal);
    expect(req.body).toBeUndefined();
    expect(req.url).not.toContain('sekrit');

    expect(result.contentType).toBe('image/png');
    expect(new Uint8Array(result.bytes)).toEqual(PNG_BYTES);
  });

  it('gets by key alone', async () => {
    const f = fakeFetch();
    await client(f.fetch).getImage({ key: 'abc+def/1' });
    expect([...new URL(f.calls[0]!.url).searchParams]).toEqual([['key', 'abc+def/1']]);
  });

  it('reports the content type lower case and without parameters', async () => {
    const f = fakeFetch(() => pngResponse('Image/SVG+XML; charset=utf-8'));
    expect((await client(f.fetch).getImage({ key: 'k' })).contentType).toBe('image/svg+xml');
  });

  it('sends X-Scio-Actas exactly for a global token', async () => {
    const f = fakeFetch();
    await client(f.fetch, { kind: 'global', token: 'g', actAs: 'jane@acme.com' }).getImage({ key: 'k' });
    const h = f.calls[0]!.headers;
    expect(h.get('authorization')).toBe('Bearer g');
    expect(h.get('x-scio-actas')).toBe('jane@acme.com');
    expect(h.get('x-glean-actas')).toBe('jane@acme.com');
    expect(h.has('x-glean-auth-type')).toBe(false);
  });

  it('sends X-Glean-Auth-Type: OAUTH exactly for an external provider’s OAuth token', async () => {
    const f = fakeFetch();
    await client(f.fetch, { kind: 'oauth', token: 'o', issuedBy: 'external' }).getImage({ key: 'k' });
    const h = f.calls[0]!.headers;
    expect(h.get('authorization')).toBe('Bearer o');
    expect(h.get('x-glean-auth-type')).toBe('OAUTH');
    expect(h.has('x-scio-actas')).toBe(false);
    expect(h.has('x-glean-actas')).toBe(false);
  });

  it('sends a Glean-issued OAuth token without X-Glean-Auth-Type', async () => {
    const f = fakeFetch();
    await client(f.fetch, { kind: 'oauth', token: 'o', issuedBy: 'glean' }).getImage({ key: 'k' });
    const h = f.calls[0]!.headers;
    expect(h.get('authorization')).toBe('Bearer o');
    expect(h.has('x-glean-auth-type')).toBe(false);
  });

  it('asks getAuth on every request, so a new token is used', async () => {
    const f = fakeFetch();
    let n = 0;
    const c = createGleanClient({ baseUrl: BASE, fetch: f.fetch, getAuth: async () => ({ kind: 'user', token: `t${++n}` }) });
    await c.getImage({ key: 'a' });
    await c.getImage({ key: 'b' });
    expect(f.calls.map((r) => r.headers.get('authorization'))).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('refuses key mixed with metadata, or neither, without calling getAuth or fetch', async () => {
    const f = fakeFetch();
    let authCalls = 0;
    const c = createGleanClient({
      baseUrl: 'acme',
      fetch: f.fetch,
      getAuth: async () => {
        authCalls++;
        return { kind: 'user', token: 't' };
      },
    });
    for (const q of [{ key: 'k', type: 'USER' }, { key: 'k', cid: 'c' }, {}, { id: 'x' }]) {
      const e = await failure(c.getImage(q as never));
      expect(e.kind).toBe('invalid-input');
    }
    expect(f.calls).toHaveLength(0);
    expect(authCalls).toBe(0);
  });

  it('refuses a global token without act-as before any request', async () => {
    const f = fakeFetch();
    const e = await failure(
      client(f.fetch, { kind: 'global', token: 'g', actAs: '' }).getImage({ key: 'k' }),
    );
    expect(e.kind).toBe('invalid-input');
    expect(e.message).toMatch(/act as/);
    expect(f.calls).toHaveLength(0);
  });

  it('turns a failing getAuth into unauthorized, and passes a GleanError through', async () => {
    const f = fakeFetch();
    const c1 = createGleanClient({ baseUrl: 'acme', fetch: f.fetch, getAuth: async () => { throw new Error('not signed in'); } });
    const e1 = await failure(c1.getImage({ key: 'k' }));
    expect(e1.kind).toBe('unauthorized');
    expect(e1.message).toContain('not signed in');
    const mine = new GleanError('invalid-input', 'No token.');
    const c2 = createGleanClient({ baseUrl: 'acme', fetch: f.fetch, getAuth: async () => { throw mine; } });
    expect(await failure(c2.getImage({ key: 'k' }))).toBe(mine);
    expect(f.calls).toHaveLength(0);
  });

  it('refuses a bad base URL when the client is created', () => {
    expect(() => createGleanClient({ baseUrl: 'http://acme-be.glean.com', getAuth: async () => ({ kind: 'user', token: 't' }) })).toThrow(
      /only allowed for this computer/,
    );
  });

  it('uses the global fetch when none is given', async () => {
    const f = fakeFetch();
    const original = globalThis.fetch;
    globalThis.fetch = f.fetch;
    try {
      await createGleanClient({ baseUrl: 'acme', getAuth: async () => ({ kind: 'user', token: 't' }) }).getImage({ key: 'k' });
    } finally {
      globalThis.fetch = original;
    }
    expect(f.calls).toHaveLength(1);
  });
});
