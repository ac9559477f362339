/** Uploads, lookups by key and by metadata, replacement, and the seeded pictures. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_PEOPLE, encodePng, solidPng, startSandbox, type Sandbox } from './server.js';
import { seedPicture } from './seed.js';
import { FAKE_GIF, FAKE_JPEG, FAKE_WEBP, SVG, asGlobal, asUser, bytesOf, pngSize, sha256, toBody } from './test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

function upload(query: string, body: Uint8Array | string, contentType?: string, headers = asUser()): Promise<Response> {
  return fetch(`${sb.baseUrl}/uploadimage?${query}`, {
    method: 'POST',
    headers: contentType === undefined ? headers : { ...headers, 'content-type': contentType },
    body: toBody(body),
  });
}

const RED = solidPng(8, 8, [255, 0, 0, 255]);
const GREEN = solidPng(8, 8, [0, 255, 0, 255]);

describe('POST /uploadimage validation', () => {
  it.each([
    ['an empty body', 'type=UGC&id=x', Buffer.alloc(0), 'image/png', /empty/],
    ['text/plain', 'type=UGC&id=x', RED, 'text/plain', /Content-Type must be image/],
    ['application/octet-stream', 'type=UGC&id=x', RED, 'application/octet-stream', /Content-Type/],
    ['multipart', 'type=UGC&id=x', RED, 'multipart/form-data; boundary=x', /Content-Type/],
    ['image/ without subtype', 'type=UGC&id=x', RED, 'image/', /Content-Type/],
    ['no type', 'id=x', RED, 'image/png', /"type" is required/],
    ['an unknown type', 'type=PHOTO&id=x', RED, 'image/png', /unknown image type/],
    ['a key', 'key=abc&type=UGC', RED, 'image/png', /"key" is not accepted/],
    ['PNG bytes declared as JPEG', 'type=UGC&id=x', RED, 'image/jpeg', /does not match/],
  ])('400 for %s', async (_label, query, body, type, reason) => {
    const before = sb.images.count();
    const res = await upload(query, body, type);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(reason);
    expect(sb.images.count()).toBe(before);
  });

  it('400 without a Content-Type header', async () => {
    expect((await upload('type=UGC&id=x', new Uint8Array(RED))).status).toBe(400);
  });

  it('needs the token like GET', async () => {
    expect((await upload('type=UGC&id=x', RED, 'image/png', {})).status).toBe(401);
    expect((await upload('type=UGC&id=x', RED, 'image/png', asUser({ 'x-scio-actas': 'a@b.co' }))).status).toBe(400);
    expect((await upload('type=UGC&id=x', RED, 'image/png', asGlobal('a@b.co'))).status).toBe(200);
  });
});

describe('upload then get', () => {
  it('answers {url, metadata} and serves identical bytes by key and by metadata', async () => {
    const res = await upload('type=UGC&id=doc-1&ds=confluence&cid=thumb', RED, 'image/png');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const answer = (await res.json()) as { url: string; metadata: Record<string, string> };
    expect(Object.keys(answer).sort()).toEqual(['metadata', 'url']);
    expect(answer.metadata).toEqual({ type: 'UGC', id: 'doc-1', ds: 'confluence', cid: 'thumb', ext: 'png' });
    const url = new URL(answer.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${sb.baseUrl}/images`);
    const key = url.searchParams.get('key')!;
    expect(key).toMatch(/^[0-9a-f]{16}$/);

    for (const target of [answer.url, `${sb.baseUrl}/images?type=UGC&id=doc-1&ds=confluence&cid=thumb`]) {
      const got = await fetch(target, { headers: asUser() });
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(got.headers.get('cache-control')).toBe('private, max-age=3600');
      expect(sha256(await bytesOf(got))).toBe(sha256(RED));
    }
    const stored = sb.images.getByKey(key)!;
    expect(stored.bytes.equals(RED)).toBe(true);
    expect(stored.contentType).toBe('image/png');
    expect(stored.metadata).toEqual(answer.metadata);
  });

  it('omits empty fields from metadata', async () => {
    const answer = (await (await upload('type=LOGO&ds=&cid=', RED, 'image/png')).json()) as { metadata: object };
    expect(answer.metadata).toEqual({ type: 'LOGO', ext: 'png' });
  });

  it.each([
    ['image/jpeg', FAKE_JPEG, 'jpg'],
    ['image/webp', FAKE_WEBP, 'webp'],
    ['image/gif', FAKE_GIF, 'gif'],
    ['image/svg+xml', SVG, 'svg'],
    ['image/avif', Buffer.from('not sniffed'), 'avif'],
    ['image/PNG; charset=binary', RED, 'png'],
  ])('derives ext from %s and serves that type back', async (type, bytes, ext) => {
    const answer = (await (await upload('type=ICON&id=x', bytes, type)).json()) as { url: string; metadata: { ext: string } };
    expect(answer.metadata.ext).toBe(ext);
    const got = await fetch(answer.url, { headers: asUser() });
    expect(got.headers.get('content-type')).toBe(type.split(';')[0]!.toLowerCase());
    expect((await bytesOf(got)).equals(bytes)).toBe(true);
  });

  it('replaces on the same metadata: new key, old key 404, metadata gives the new bytes', async () => {
    const first = (await (await upload('type=UGC&id=doc-2', RED, 'image/png')).json()) as { url: string };
    const count = sb.images.count();
    const second = (await (await upload('type=UGC&id=doc-2&ds=', GREEN, 'image/png')).json()) as { url: string };
    expect(second.url).not.toBe(first.url);
    expect(sb.images.count()).toBe(count);
    expect((await fetch(first.url, { headers: asUser() })).status).toBe(404);
    expect((await bytesOf(await fetch(second.url, { headers: asUser() }))).equals(GREEN)).toBe(true);
    const byMeta = await fetch(`${sb.baseUrl}/images?type=UGC&id=doc-2`, { headers: asUser() });
    expect((await bytesOf(byMeta)).equals(GREEN)).toBe(true);
  });

  it('keeps images apart when any field differs', async () => {
    await upload('type=UGC&id=doc-3', RED, 'image/png');
    await upload('type=UGC&id=doc-3&cid=thumb', GREEN, 'image/png');
    await upload('type=ICON&id=doc-3', GREEN, 'image/png');
    const red = await fetch(`${sb.baseUrl}/images?type=UGC&id=doc-3`, { headers: asUser() });
    expect((await bytesOf(red)).equals(RED)).toBe(true);
    expect(sb.images.count()).toBe(SEED_PEOPLE.length + 3);
  });

  it('stores large bodies intact', async () => {
    const rgba = new Uint8Array(512 * 512 * 4).map((_, i) => (i * 7919) % 251);
    const big = encodePng(512, 512, rgba);
    const answer = (await (await upload('type=BACKGROUND', big, 'image/png')).json()) as { url: string };
    expect(sha256(await bytesOf(await fetch(answer.url, { headers: asUser() })))).toBe(sha256(big));
  });
});

describe('seeded pictures', () => {
  it('serve alice, bob and carol by metadata and by seed key, identically', async () => {
    const hashes = new Set<string>();
    for (const person of SEED_PEOPLE) {
      const byMeta = await bytesOf(await fetch(`${sb.baseUrl}/images?type=USER&id=${person.id}`, { headers: asUser() }));
      const res = await fetch(`${sb.baseUrl}/images?key=${person.key}`, { headers: asUser() });
      expect(res.headers.get('content-type')).toBe('image/png');
      const byKey = await bytesOf(res);
      expect(byKey.equals(byMeta)).toBe(true);
      expect(byKey.equals(seedPicture(person))).toBe(true);
      expect(pngSize(byKey)).toEqual({ width: 96, height: 96 });
      hashes.add(sha256(byKey));
    }
    expect(SEED_PEOPLE.map((p) => p.key)).toEqual(['seed-alice', 'seed-bob', 'seed-carol']);
    expect(hashes.size).toBe(3);
  });

  it('are absent with seed: false', async () => {
    const bare = await startSandbox({ seed: false });
    try {
      expect(bare.images.count()).toBe(0);
      expect((await fetch(`${bare.baseUrl}/images?key=seed-alice`, { headers: asUser() })).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('come back on reset after being replaced', async () => {
    await upload('type=USER&id=alice', RED, 'image/png');
    expect(sb.images.getByKey('seed-alice')).toBeUndefined();
    sb.reset();
    expect(sb.images.getByKey('seed-alice')?.metadata).toEqual({ type: 'USER', id: 'alice', ext: 'png' });
    expect(sb.images.count()).toBe(3);
  });
});
