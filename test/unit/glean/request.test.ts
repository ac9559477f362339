import { describe, expect, it } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import {
  authHeaders,
  buildUrl,
  imageQueryParams,
  uploadContentType,
  uploadParams,
} from '../../../src/glean/request';
import type { GleanAuth, ImageMetadataFields, ImageQuery } from '../../../src/glean/types';

const BASE = 'https://acme-be.glean.com/rest/api/v1';

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof GleanError ? e.kind : `not a GleanError: ${String(e)}`;
  }
  return undefined;
}

describe('imageQueryParams / buildUrl', () => {
  it('round-trips awkward values through the URL', () => {
    const query: ImageQuery = { type: 'UGC', id: 'a b&c=d+e', ds: 'Zoë 🖼', cid: '100%/?#' };
    const url = new URL(buildUrl(BASE, 'images', imageQueryParams(query)));
    expect(url.origin + url.pathname).toBe(`${BASE}/images`);
    expect([...url.searchParams]).toEqual([
      ['type', 'UGC'],
      ['id', 'a b&c=d+e'],
      ['ds', 'Zoë 🖼'],
      ['cid', '100%/?#'],
    ]);
    // Nothing raw leaks into the query string: & + = # are all encoded.
    expect(url.search).not.toMatch(/a b|&c=|d\+e|#/);
  });

  it('leaves empty and undefined values out', () => {
    const url = new URL(buildUrl(BASE, 'images', imageQueryParams({ type: 'USER', id: '', ds: undefined, cid: '  ' })));
    expect([...url.searchParams.keys()]).toEqual(['type']);
  });

  it('sends a key alone', () => {
    const url = new URL(buildUrl(BASE, 'images', imageQueryParams({ key: 'k+1/2 3' })));
    expect(url.search.startsWith('?key=')).toBe(true);
    expect(url.searchParams.get('key')).toBe('k+1/2 3');
    expect([...url.searchParams.keys()]).toEqual(['key']);
  });

  it('refuses key mixed with any metadata field', () => {
    for (const extra of [{ type: 'USER' }, { id: 'x' }, { ds: 'x' }, { cid: 'x' }]) {
      expect(kindOf(() => imageQueryParams({ key: 'k', ...extra } as unknown as ImageQuery))).toBe('invalid-input');
    }
    // Empty metadata next to a key is no conflict.
    expect([...imageQueryParams({ key: 'k', id: '' } as unknown as ImageQuery).keys()]).toEqual(['key']);
  });

  it('refuses neither key nor type, and non-text values', () => {
    expect(kindOf(() => imageQueryParams({} as ImageQuery))).toBe('invalid-input');
    expect(kindOf(() => imageQueryParams({ id: 'x' } as unknown as ImageQuery))).toBe('invalid-input');
    expect(kindOf(() => imageQueryParams({ key: '' }))).toBe('invalid-input');
    expect(kindOf(() => imageQueryParams({ type: 'USER', id: 5 } as unknown as ImageQuery))).toBe('invalid-input');
    expect(kindOf(() => imageQueryParams(null as unknown as ImageQuery))).toBe('invalid-input');
  });

  it('upload metadata needs a type and takes no key', () => {
    expect([...uploadParams({ type: 'ICON', id: 'doc', ds: '' })]).toEqual([
      ['type', 'ICON'],
      ['id', 'doc'],
    ]);
    expect(kindOf(() => uploadParams({ id: 'x' } as unknown as ImageMetadataFields))).toBe('invalid-input');
    expect(kindOf(() => uploadParams({ type: 'USER', key: 'k' } as unknown as ImageMetadataFields))).toBe(
      'invalid-input',
    );
  });
});

describe('authHeaders', () => {
  it('user token: bearer only', () => {
    expect(authHeaders({ kind: 'user', token: 'tok' })).toEqual({ Authorization: 'Bearer tok' });
  });

  it('global token: bearer, and act-as under the current and the deprecated name with the same e-mail', () => {
    expect(authHeaders({ kind: 'global', token: 'tok', actAs: ' jane@acme.com ' })).toEqual({
      Authorization: 'Bearer tok',
      'X-Glean-ActAs': 'jane@acme.com',
      'X-Scio-Actas': 'jane@acme.com',
    });
  });

  it('external provider’s OAuth token: bearer and X-Glean-Auth-Type: OAUTH, no act-as even if one sneaks in', () => {
    const auth = { kind: 'oauth', token: 'tok', issuedBy: 'external', actAs: 'jane@acme.com' } as unknown as GleanAuth;
    expect(authHeaders(auth)).toEqual({ Authorization: 'Bearer tok', 'X-Glean-Auth-Type': 'OAUTH' });
  });

  it('Glean-issued OAuth token: bearer only, Glean knows it by its issuer', () => {
    const auth = { kind: 'oauth', token: 'tok', issuedBy: 'glean', actAs: 'jane@acme.com' } as unknown as GleanAuth;
    expect(authHeaders(auth)).toEqual({ Authorization: 'Bearer tok' });
  });

  it('user token never sends act-as', () => {
    const auth = { kind: 'user', token: 'tok', actAs: 'jane@acme.com' } as unknown as GleanAuth;
    expect(authHeaders(auth)).not.toHaveProperty('X-Scio-Actas');
  });

  it('trims a pasted token', () => {
    expect(authHeaders({ kind: 'user', token: '  tok\n' }).Authorization).toBe('Bearer tok');
  });

  it.each<[string, unknown]>([
    ['empty token', { kind: 'user', token: '' }],
    ['blank token', { kind: 'oauth', token: '   ', issuedBy: 'glean' }],
    ['OAuth token without its issuer', { kind: 'oauth', token: 't' }],
    ['OAuth token of an unknown issuer', { kind: 'oauth', token: 't', issuedBy: 'okta' }],
    ['token with a newline inside', { kind: 'user', token: 'a\nb' }],
    ['token with non-ASCII', { kind: 'user', token: 'tök' }],
    ['global without actAs', { kind: 'global', token: 't' }],
    ['global with empty actAs', { kind: 'global', token: 't', actAs: '  ' }],
    ['global with a non-email actAs', { kind: 'global', token: 't', actAs: 'jane' }],
    ['global with header injection', { kind: 'global', token: 't', actAs: 'a@b\r\nX-Evil: 1' }],
    ['unknown kind', { kind: 'cookie', token: 't' }],
    ['no auth at all', undefined],
  ])('refuses %s', (_name, auth) => {
    expect(kindOf(() => authHeaders(auth as GleanAuth))).toBe('invalid-input');
  });
});

describe('uploadContentType', () => {
  it('accepts image types and refuses others', () => {
    expect(uploadContentType(' image/png ')).toBe('image/png');
    expect(uploadContentType('image/svg+xml')).toBe('image/svg+xml');
    expect(uploadContentType('IMAGE/JPEG')).toBe('IMAGE/JPEG');
    for (const bad of ['', 'text/html', 'application/octet-stream', 'image/', 'image', 'imagex/png', 'image/png\r\nX: 1']) {
      expect(kindOf(() => uploadContentType(bad))).toBe('invalid-input');
    }
  });
});
