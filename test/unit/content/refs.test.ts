import { describe, expect, it } from 'vitest';
import { refId } from '../../../src/content/ref-id';
import { cssUrls, formatSrcset, imagesEndpoint, parseSrcset, refFromKey, refMatcher } from '../../../src/content/refs';
import { LIMITS } from '../../../src/messaging/protocol';

const API = 'https://acme-be.glean.com/rest/api/v1';
const END = imagesEndpoint(API)!;
const PAGE = 'https://wiki.acme.com/space/page?x=1';
const ref = (url: string, base = PAGE) => refMatcher(base, END)(url);

describe('imagesEndpoint', () => {
  it('is the origin and path of GET /images, with or without a trailing slash on the base', () => {
    expect(imagesEndpoint(API)).toBe('https://acme-be.glean.com/rest/api/v1/images');
    expect(imagesEndpoint(`${API}/`)).toBe('https://acme-be.glean.com/rest/api/v1/images');
    expect(imagesEndpoint('http://127.0.0.1:8787/rest/api/v1')).toBe('http://127.0.0.1:8787/rest/api/v1/images');
    expect(imagesEndpoint('not a url')).toBeNull();
  });
});

describe('refMatcher', () => {
  it('reads a key URL', () => {
    expect(ref(`${API}/images?key=abc123`)).toEqual({ key: 'abc123' });
  });

  it('reads metadata in any order, leaving out empty fields', () => {
    const expected = { type: 'USER', id: 'alice' };
    expect(ref(`${API}/images?type=USER&id=alice`)).toEqual(expected);
    expect(ref(`${API}/images?id=alice&type=USER`)).toEqual(expected);
    expect(ref(`${API}/images?id=alice&ds=&cid=&type=USER`)).toEqual(expected);
    expect(ref(`${API}/images?cid=thumb&ds=confluence&id=doc-7&type=UGC`)).toEqual({ type: 'UGC', id: 'doc-7', ds: 'confluence', cid: 'thumb' });
  });

  it('decodes percent-encoding and + in the query, and %-encoded path letters', () => {
    expect(ref(`${API}/images?key=ref%20key%2F%C3%BC%26%3D`)).toEqual({ key: 'ref key/ü&=' });
    expect(ref(`${API}/images?key=ref+key%2F%C3%BC%26%3D`)).toEqual({ key: 'ref key/ü&=' });
    expect(ref(`${API}/images?type=%55SER&id=%61lice`)).toEqual({ type: 'USER', id: 'alice' });
    expect(ref(`${API}/%69mages?key=k`)).toEqual({ key: 'k' });
    expect(ref(`${API}/images?key=a&amp=1`)).toEqual({ key: 'a' });
  });

  it('resolves relative URLs against the page, and takes host case and default ports as URLs do', () => {
    const page = 'https://acme-be.glean.com/some/where/page.html';
    expect(ref('/rest/api/v1/images?key=k1', page)).toEqual({ key: 'k1' });
    expect(ref('../../rest/api/v1/images?key=k2', page)).toEqual({ key: 'k2' });
    expect(ref('//acme-be.glean.com/rest/api/v1/images?key=k3')).toEqual({ key: 'k3' });
    expect(ref('HTTPS://ACME-BE.GLEAN.COM:443/rest/api/v1/images?key=k4')).toEqual({ key: 'k4' });
    expect(ref(`  ${API}/images?key=k5#frag  `)).toEqual({ key: 'k5' });
    expect(ref('\\\\acme-be.glean.com/rest/api/v1/images?key=k6')).toEqual({ key: 'k6' });
    expect(ref('https://acme-be.glean.com/rest/api/v1/images?key=k7', 'not a base')).toEqual({ key: 'k7' });
    // Relative to a page on another host, the same path is that host's, not Glean's.
    expect(ref('/rest/api/v1/images?key=k1')).toBeNull();
    expect(ref('/rest/api/v1/images?key=k1', 'not a base')).toBeNull();
  });

  it.each([
    ['another host', 'https://evil.example/rest/api/v1/images?key=a'],
    ['a look-alike host', 'https://acme-be.glean.com.evil.example/rest/api/v1/images?key=a'],
    ['another scheme', 'http://acme-be.glean.com/rest/api/v1/images?key=a'],
    ['another port', 'https://acme-be.glean.com:8443/rest/api/v1/images?key=a'],
    ['another path', `${API}/imagesX?key=a`],
    ['a sub path', `${API}/images/x?key=a`],
    ['the upload path', `${API}/uploadimage?type=USER`],
    ['no query', `${API}/images`],
    ['an encoded "?"', `${API}/images%3Fkey=a`],
    ['an empty key', `${API}/images?key=`],
    ['a key mixed with metadata', `${API}/images?key=a&type=USER`],
    ['no type', `${API}/images?id=alice`],
    ['an unknown type', `${API}/images?type=user&id=alice`],
    ['a key too long', `${API}/images?key=${'k'.repeat(LIMITS.keyLength + 1)}`],
    ['a field too long', `${API}/images?type=UGC&id=${'i'.repeat(LIMITS.fieldLength + 1)}`],
    ['not a URL at all', 'http://[::1'],
    ['a data URL', 'data:image/png;base64,AAAA?key=a'],
  ])('is not a reference: %s', (_, url) => {
    expect(ref(url)).toBeNull();
  });
});

describe('refFromKey', () => {
  it('takes a trimmed key, refuses empty and overlong ones', () => {
    expect(refFromKey(' seed-alice ')).toEqual({ key: 'seed-alice' });
    expect(refFromKey('')).toBeNull();
    expect(refFromKey('   ')).toBeNull();
    expect(refFromKey(null)).toBeNull();
    expect(refFromKey('k'.repeat(LIMITS.keyLength + 1))).toBeNull();
  });
});

describe('refId', () => {
  it('merges identical references and keeps different ones apart', () => {
    expect(refId({ type: 'USER', id: 'a' })).toBe(refId({ id: 'a', type: 'USER', ds: '', cid: ' ' }));
    expect(refId({ type: 'USER', id: 'a' })).not.toBe(refId({ type: 'USER', id: 'a', ds: 'x' }));
    expect(refId({ key: 'a' })).not.toBe(refId({ type: 'USER', id: 'a' }));
    // Fields cannot run into each other.
    expect(refId({ type: 'UGC', id: 'a', ds: 'b' })).not.toBe(refId({ type: 'UGC', id: 'a","b' }));
  });
});

describe('parseSrcset', () => {
  it('splits candidates with x and w descriptors', () => {
    expect(parseSrcset('a.png 1x, b.png 2x')).toEqual([{ url: 'a.png', descriptor: '1x' }, { url: 'b.png', descriptor: '2x' }]);
    expect(parseSrcset('  a.png 96w,b.png   320w  ')).toEqual([{ url: 'a.png', descriptor: '96w' }, { url: 'b.png', descriptor: '320w' }]);
    expect(parseSrcset('a.png')).toEqual([{ url: 'a.png', descriptor: '' }]);
  });

  it('keeps commas inside URLs, and splits on a comma that ends one', () => {
    expect(parseSrcset(`${API}/images?type=UGC&id=a,b 1x, c.png 2x`)).toEqual([
      { url: `${API}/images?type=UGC&id=a,b`, descriptor: '1x' },
      { url: 'c.png', descriptor: '2x' },
    ]);
    expect(parseSrcset('a.png, b.png 2x')).toEqual([{ url: 'a.png', descriptor: '' }, { url: 'b.png', descriptor: '2x' }]);
    // As the spec reads it: without whitespace the comma belongs to the URL.
    expect(parseSrcset('a.png,b.png 2x')).toEqual([{ url: 'a.png,b.png', descriptor: '2x' }]);
  });

  it('keeps parenthesised descriptors whole and round-trips through formatSrcset', () => {
    const list = parseSrcset('a.png 1x (future, thing), b.png 2x');
    expect(list).toEqual([{ url: 'a.png', descriptor: '1x (future, thing)' }, { url: 'b.png', descriptor: '2x' }]);
    expect(formatSrcset(list)).toBe('a.png 1x (future, thing), b.png 2x');
  });

  it('reads every candidate of a srcset as a reference or not', () => {
    const refs = parseSrcset(`${API}/images?key=a 1x, /x.png 2x, ${API}/images?id=b&type=USER 3x`).map((c) => ref(c.url));
    expect(refs).toEqual([{ key: 'a' }, null, { type: 'USER', id: 'b' }]);
  });
});

describe('cssUrls', () => {
  it('finds quoted and bare url() tokens with their positions', () => {
    const value = `url("${API}/images?key=a"), linear-gradient(red, blue), url('b.png'), url( c.png )`;
    const found = cssUrls(value);
    expect(found.map((f) => f.url)).toEqual([`${API}/images?key=a`, 'b.png', 'c.png']);
    for (const f of found) expect(value.slice(f.start, f.end)).toMatch(/^url\(.*\)$/);
  });

  it('unescapes escaped quotes and is case-blind about URL(', () => {
    expect(cssUrls('URL("a\\"b.png")').map((f) => f.url)).toEqual(['a"b.png']);
    expect(cssUrls('none')).toEqual([]);
  });
});
