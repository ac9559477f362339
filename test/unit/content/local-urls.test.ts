import { afterEach, describe, expect, it, vi } from 'vitest';
import { DATA_URL_MAX, LocalUrls } from '../../../src/content/local-urls';

afterEach(() => vi.restoreAllMocks());

describe('LocalUrls', () => {
  it('makes a data: URL for a small image, with a clean media type', () => {
    const urls = new LocalUrls();
    urls.create('a', new Uint8Array([1, 2, 3]).buffer as ArrayBuffer, 'image/svg+xml; charset=utf-8');
    expect(urls.get('a')).toBe('data:image/svg+xml;base64,AQID');
    urls.create('b', new Uint8Array([0xff]).buffer as ArrayBuffer, 'nonsense');
    expect(urls.get('b')).toBe('data:application/octet-stream;base64,/w==');
  });

  it('makes one blob: URL for a large image, keeps the first, and revokes it when dropped', () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    const urls = new LocalUrls();
    urls.create('big', new ArrayBuffer(DATA_URL_MAX + 1), 'image/png');
    const url = urls.get('big')!;
    expect(url).toMatch(/^blob:/);
    urls.create('big', new ArrayBuffer(DATA_URL_MAX + 1), 'image/png');
    expect(urls.get('big')).toBe(url);
    urls.create('small', new ArrayBuffer(10), 'image/png');
    urls.clear();
    expect(revoke.mock.calls).toEqual([[url]]);
    expect(urls.get('big')).toBeUndefined();
  });
});
