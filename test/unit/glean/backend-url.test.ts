import { describe, expect, it } from 'vitest';
import { backendOrigin, normalizeBackendUrl, originPattern } from '../../../src/glean/backend-url';
import { GleanError } from '../../../src/glean/errors';

const BASE = 'https://acme-be.glean.com/rest/api/v1';

describe('normalizeBackendUrl', () => {
  it.each([
    ['acme', BASE],
    ['ACME', BASE],
    ['  acme \n', BASE],
    ['acme-prod', 'https://acme-prod-be.glean.com/rest/api/v1'],
    ['https://acme-be.glean.com', BASE],
    ['https://acme-be.glean.com/', BASE],
    ['https://acme-be.glean.com//', BASE],
    ['https://acme-be.glean.com/rest/api/v1', BASE],
    ['https://acme-be.glean.com/rest/api/v1/', BASE],
    ['HTTPS://ACME-BE.GLEAN.COM/', BASE],
    ['acme-be.glean.com', BASE],
    ['acme-be.glean.com/', BASE],
    ['https://acme-be.glean.com:443/', BASE],
    ['https://acme-be.glean.com:8443', 'https://acme-be.glean.com:8443/rest/api/v1'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/rest/api/v1'],
    ['http://127.0.0.1:8787/', 'http://127.0.0.1:8787/rest/api/v1'],
    ['http://127.0.0.1:8787/rest/api/v1/', 'http://127.0.0.1:8787/rest/api/v1'],
    ['http://127.1.2.3', 'http://127.1.2.3/rest/api/v1'],
    ['http://localhost:8787', 'http://localhost:8787/rest/api/v1'],
    ['http://LOCALHOST', 'http://localhost/rest/api/v1'],
    ['http://[::1]:8787/', 'http://[::1]:8787/rest/api/v1'],
    ['localhost:8787', 'https://localhost:8787/rest/api/v1'],
    ['127.0.0.1:8787', 'https://127.0.0.1:8787/rest/api/v1'],
    ['http://127.0.0.1:8787/proxy/rest/api/v1', 'http://127.0.0.1:8787/proxy/rest/api/v1'],
  ])('%j -> %s', (input, expected) => {
    expect(normalizeBackendUrl(input)).toBe(expected);
  });

  it('is idempotent on its own output', () => {
    for (const input of ['acme', 'http://127.0.0.1:8787', 'https://x.example.com:8443/']) {
      const once = normalizeBackendUrl(input);
      expect(normalizeBackendUrl(once)).toBe(once);
    }
  });

  it.each([
    ['', /instance name/],
    ['   ', /instance name/],
    ['http://acme-be.glean.com', /plain http:\/\/ is only allowed for this computer \(localhost\)/],
    ['http://10.0.0.1:8787', /https:\/\//],
    ['http://128.0.0.1', /https:\/\//],
    ['http://localhost.evil.com', /https:\/\//],
    ['ftp://acme-be.glean.com', /not ftp:/],
    ['javascript:alert(1)', /not javascript:/],
    ['file:///etc/passwd', /not file:/],
    ['https://user:pass@acme-be.glean.com', /user name or password/],
    ['https://user@acme-be.glean.com', /user name or password/],
    ['https://acme-be.glean.com/?x=1', /"\?" or "#"/],
    ['https://acme-be.glean.com/?', /"\?" or "#"/],
    ['https://acme-be.glean.com/#top', /"\?" or "#"/],
    ['https://acme-be.glean.com/search', /without a path/],
    ['https://acme-be.glean.com/rest/api/v2', /without a path/],
    ['acme prod', /does not look like/],
    ['https://', /does not look like/],
    ['https://exa mple.com', /does not look like/],
    ['-acme', /does not look like/],
    ['https://-acme.glean.com', /does not look like/],
    ['https://acme..glean.com', /does not look like/],
  ])('refuses %j', (input, message) => {
    let caught: unknown;
    try {
      normalizeBackendUrl(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(GleanError);
    expect((caught as GleanError).kind).toBe('invalid-input');
    expect((caught as GleanError).message).toMatch(message);
  });

  it('refuses a non-string at run time', () => {
    expect(() => normalizeBackendUrl(undefined as unknown as string)).toThrow(GleanError);
  });
});

describe('backendOrigin / originPattern', () => {
  it('gives the origin and a port-less match pattern', () => {
    expect(backendOrigin(BASE)).toBe('https://acme-be.glean.com');
    expect(originPattern(BASE)).toBe('https://acme-be.glean.com/*');
    expect(backendOrigin('http://127.0.0.1:8787/rest/api/v1')).toBe('http://127.0.0.1:8787');
    // Firefox refuses ports in match patterns; Chrome matches every port without one.
    expect(originPattern('http://127.0.0.1:8787/rest/api/v1')).toBe('http://127.0.0.1/*');
    expect(originPattern('http://[::1]:8787/rest/api/v1')).toBe('http://[::1]/*');
  });
});
