import { describe, expect, it } from 'vitest';
import { authFor, oauthIssuedBy } from '../../../src/background/credentials';
import { authHeaders } from '../../../src/glean/request';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings/types';

const API = 'https://acme-be.glean.com/rest/api/v1';
const oauth = (over: Partial<NonNullable<Settings['oauth']>>): Settings => ({
  ...DEFAULT_SETTINGS, apiBase: API, authMethod: 'oauth', oauth: { issuer: 'https://acme-be.glean.com', clientId: 'c', scopes: 'openid', ...over },
});

describe('oauthIssuedBy', () => {
  it('takes the stored provider', () => {
    expect(oauthIssuedBy(oauth({ provider: 'external' }))).toBe('external');
    expect(oauthIssuedBy(oauth({ issuer: 'https://login.acme.com', provider: 'glean' }))).toBe('glean');
  });

  it('for settings saved before the provider was stored: Glean when the issuer is the backend’s origin', () => {
    expect(oauthIssuedBy(oauth({}))).toBe('glean');
    expect(oauthIssuedBy(oauth({ issuer: 'https://login.acme.com' }))).toBe('external');
    expect(oauthIssuedBy({ ...DEFAULT_SETTINGS, authMethod: 'oauth' })).toBe('external');
  });
});

describe('authFor', () => {
  it('marks only an external provider’s token with X-Glean-Auth-Type', () => {
    expect(authHeaders(authFor(oauth({ provider: 'glean' }), 'tok'))).toEqual({ Authorization: 'Bearer tok' });
    expect(authHeaders(authFor(oauth({ provider: 'external' }), 'tok'))).toEqual({ Authorization: 'Bearer tok', 'X-Glean-Auth-Type': 'OAUTH' });
  });

  it('sends a global token’s act-as under both names', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, apiBase: API, tokenType: 'global', actAs: 'jane@acme.com' };
    expect(authHeaders(authFor(settings, 'g'))).toEqual({ Authorization: 'Bearer g', 'X-Glean-ActAs': 'jane@acme.com', 'X-Scio-Actas': 'jane@acme.com' });
  });
});
