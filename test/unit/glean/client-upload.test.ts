import { describe, expect, it } from 'vitest';
import { createGleanClient } from '../../../src/glean/client';
import { PNG_BYTES, fakeFetch, jsonResponse, type Responder } from './fake-fetch';
import { failure } from './failure';

const BASE = 'https://acme-be.glean.com/rest/api/v1';
const IMAGE_URL = `${BASE}/images?key=abc%2B123`;

function setup(respond: Responder = () => jsonResponse({ url: IMAGE_URL })) {
  const f = fakeFetch(respond);
  const c = createGleanClient({
    baseUrl: BASE,
    getAuth: async () => ({ kind: 'global', token: 'g', actAs: 'jane@acme.com' }),
    fetch: f.fetch,
  });
  return { ...f, c };
}

describe('uploadImage', () => {
  it('POSTs raw bytes with the metadata in the query and JSON Accept', async () => {
    const { c, calls } = setup();
    const result = await c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', { type: 'UGC', id: 'doc 1&2', ds: 'Zoë 🖼', cid: '' });

    expect(calls).toHaveLength(1);
    const req = calls[0]!;
    expect(req.method).toBe('POST');
    const url = new URL(req.url);
    expect(url.origin + url.pathname).toBe(`${BASE}/uploadimage`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ type: 'UGC', id: 'doc 1&2', ds: 'Zoë 🖼' });
    expect(req.headers.get('content-type')).toBe('image/png');
    expect(req.headers.get('accept')).toBe('application/json');
    expect(req.headers.get('authorization')).toBe('Bearer g');
    expect(req.headers.get('x-scio-actas')).toBe('jane@acme.com');
    expect(req.init.redirect).toBe('manual');
    expect(new Uint8Array(req.body!)).toEqual(PNG_BYTES);

    expect(result).toEqual({ url: IMAGE_URL, key: 'abc+123' });
  });

  it('sends a Blob body as is, with the given content type', async () => {
    const { c, calls } = setup();
    await c.uploadImage(new Blob([PNG_BYTES], { type: 'application/octet-stream' }), 'image/webp', { type: 'USER' });
    expect(calls[0]!.headers.get('content-type')).toBe('image/webp');
    expect(new Uint8Array(calls[0]!.body!)).toEqual(PNG_BYTES);
  });

  it('prefers an explicit key over the one in url', async () => {
    const { c } = setup(() => jsonResponse({ url: IMAGE_URL, key: 'explicit' }));
    expect((await c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', { type: 'USER' })).key).toBe('explicit');
  });

  it('reads the key from a relative url', async () => {
    const { c } = setup(() => jsonResponse({ url: '/api/v1/images?key=rel%20key' }));
    const r = await c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', { type: 'USER' });
    expect(r).toEqual({ url: '/api/v1/images?key=rel%20key', key: 'rel key' });
  });

  it('leaves key out when neither the answer nor its url has one', async () => {
    const { c } = setup(() => jsonResponse({ url: 'https://cdn.example.com/img.png' }));
    const r = await c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', { type: 'USER' });
    expect(r).toEqual({ url: 'https://cdn.example.com/img.png' });
    expect('key' in r).toBe(false);
  });

  it('accepts extra fields, unknown types and passes metadata through', async () => {
    const { c } = setup(() =>
      jsonResponse({
        url: IMAGE_URL,
        somethingNew: [1, 2],
        metadata: { type: 'DOCUMENT_IMAGE', id: 'd', ext: 'png', extra: true, cid: 42 },
      }),
    );
    const r = await c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', { type: 'UGC' });
    expect(r.url).toBe(IMAGE_URL);
    expect(r.key).toBe('abc+123');
    // cid was not a string, so it is dropped rather than trusted.
    expect(r.metadata).toEqual({ type: 'DOCUMENT_IMAGE', id: 'd', ext: 'png', extra: true });
    expect(r).not.toHaveProperty('somethingNew');
  });

  it('ignores metadata that is not an object with a type', async () => {
    for (const metadata of ['USER', null, [], { id: 'x' }]) {
      const { c } = setup(() => jsonResponse({ url: IMAGE_URL, metadata }));
      const r = await c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', { type: 'UGC' });
      expect(r).not.toHaveProperty('metadata');
    }
  });

  it.each<[string, () => Response, RegExp]>([
    ['not JSON', () => new Response('<html>login</html>', { headers: { 'Content-Type': 'text/html' } }), /is not JSON \(it is text\/html\)/],
    ['a JSON array', () => jsonResponse([{ url: IMAGE_URL }]), /not a JSON object/],
    ['JSON null', () => jsonResponse(null), /not a JSON object/],
    ['JSON without url', () => jsonResponse({ key: 'k' }), /has no image url/],
    ['an empty url', () => jsonResponse({ url: '' }), /has no image url/],
    ['a url that is not a string', () => jsonResponse({ url: 42 }), /url that is not text/],
    ['an empty 204', () => new Response(null, { status: 204 }), /is not JSON/],
  ])('answers that are %s are bad-response', async (_name, respond, message) => {
    const { c } = setup(respond);
    const e = await failure(c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', { type: 'USER' }));
    expect(e.kind).toBe('bad-response');
    expect(e.message).toMatch(message);
  });

  it('refuses a content type that is not an image before any request', async () => {
    const { c, calls } = setup();
    for (const ct of ['text/html', 'application/octet-stream', '', 'image/']) {
      const e = await failure(c.uploadImage(PNG_BYTES.slice().buffer, ct, { type: 'USER' }));
      expect(e.kind).toBe('invalid-input');
    }
    expect(calls).toHaveLength(0);
  });

  it('refuses empty bytes, missing bytes and missing type before any request', async () => {
    const { c, calls } = setup();
    expect((await failure(c.uploadImage(new ArrayBuffer(0), 'image/png', { type: 'USER' }))).kind).toBe('invalid-input');
    expect((await failure(c.uploadImage(new Blob([]), 'image/png', { type: 'USER' }))).kind).toBe('invalid-input');
    expect((await failure(c.uploadImage('bytes' as never, 'image/png', { type: 'USER' }))).kind).toBe('invalid-input');
    expect((await failure(c.uploadImage(PNG_BYTES.slice().buffer, 'image/png', {} as never))).kind).toBe('invalid-input');
    expect(calls).toHaveLength(0);
  });
});
