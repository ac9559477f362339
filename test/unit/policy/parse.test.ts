import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parsePolicy, policyValues } from '../../../src/policy/parse';

const SCHEMA = JSON.parse(readFileSync(new URL('../../../public/managed_schema.json', import.meta.url), 'utf8')) as { properties: Record<string, { type: string }> };
const keys = (notes: { key: string }[]) => notes.map((n) => n.key);

describe('parsePolicy', () => {
  it('takes every key of the managed schema, normalised', () => {
    const { policy, notes } = parsePolicy({
      BaseUrl: 'acme',
      SignInMethod: 'glean',
      OAuthClientId: 'admin-client',
      ShowImagesOnSites: ['wiki.acme.com', 'https://intranet.acme.com/some/page', 'wiki.acme.com'],
      ShowImagesOnEverySite: false,
      RightClickType: 'LOGO',
      RightClickMetadata: { Datasource: ' intranet ', Id: '' },
      MaxUploadSizeMB: 8,
      LockSettings: true,
    });
    expect(notes).toEqual([]);
    expect(policy).toEqual({
      apiBase: 'https://acme-be.glean.com/rest/api/v1',
      signIn: { method: 'oauth', oauth: { issuer: 'https://acme-be.glean.com', clientId: 'admin-client', scopes: 'openid email profile offline_access', provider: 'glean' } },
      sites: ['https://intranet.acme.com', 'https://wiki.acme.com'],
      everywhere: false,
      rightClick: { type: 'LOGO', metadata: { ds: 'intranet' } },
      capBytes: 8 * 1024 * 1024,
      lock: true,
    });
    expect(Object.keys(policyValues(policy)).sort()).toEqual(['backend', 'capBytes', 'everywhere', 'rightClick', 'signIn', 'sites']);
    // The schema Chrome checks lists exactly the keys read here.
    expect(Object.keys(SCHEMA.properties).sort()).toEqual(
      ['BaseUrl', 'LockSettings', 'MaxUploadSizeMB', 'OAuthClientId', 'OAuthIssuer', 'OAuthScopes', 'RightClickMetadata', 'RightClickType', 'ShowImagesOnEverySite', 'ShowImagesOnSites', 'SignInMethod'],
    );
  });

  it('is no policy at all, unlocked, for nothing or for anything but an object', () => {
    for (const raw of [undefined, null, {}, [], 'BaseUrl', 42]) {
      expect(parsePolicy(raw)).toEqual({ policy: { lock: false }, notes: [] });
    }
  });

  it('takes an external identity provider with its issuer, client ID and scopes', () => {
    const { policy, notes } = parsePolicy({ BaseUrl: 'https://acme-be.glean.com', SignInMethod: 'external', OAuthIssuer: 'https://login.acme.com/', OAuthClientId: 'c1', OAuthScopes: 'openid  email' });
    expect(notes).toEqual([]);
    expect(policy.signIn).toEqual({ method: 'oauth', oauth: { issuer: 'https://login.acme.com', clientId: 'c1', scopes: 'openid email', provider: 'external' } });
  });

  it('takes API tokens as the method, with or without a backend', () => {
    expect(parsePolicy({ SignInMethod: 'token' }).policy).toEqual({ signIn: { method: 'token' }, lock: false });
  });

  it('ignores each malformed value with a note in words, and keeps the well-formed rest', () => {
    const { policy, notes } = parsePolicy({
      BaseUrl: 'http://glean.example.com', // plain http away from this computer
      ShowImagesOnSites: ['wiki.acme.com', 'not a site', 7],
      ShowImagesOnEverySite: 'yes',
      RightClickType: 'PHOTO',
      MaxUploadSizeMB: 5000,
      LockSettings: 1,
    });
    expect(policy).toEqual({ sites: ['https://wiki.acme.com'], lock: false });
    expect(keys(notes)).toEqual(['LockSettings', 'BaseUrl', 'ShowImagesOnSites', 'ShowImagesOnSites', 'ShowImagesOnEverySite', 'RightClickType', 'MaxUploadSizeMB']);
    expect(notes.find((n) => n.key === 'BaseUrl')?.message).toMatch(/http/i);
    expect(notes.filter((n) => n.key === 'ShowImagesOnSites').map((n) => n.message)).toEqual(['"not a site" is not a web site.', '"7" is not a web site.']);
    expect(notes.find((n) => n.key === 'MaxUploadSizeMB')?.message).toBe('The largest file can be set from 1 to 200 MB.');
    expect(notes.find((n) => n.key === 'RightClickType')?.message).toContain('UGC');
  });

  it('ignores the OAuth sign-in without a usable backend, or with a field it cannot use', () => {
    expect(keys(parsePolicy({ SignInMethod: 'glean' }).notes)).toEqual(['SignInMethod']);
    const external = parsePolicy({ BaseUrl: 'acme', SignInMethod: 'external', OAuthIssuer: 'http://login.acme.com' });
    expect(external.policy.signIn).toBeUndefined();
    expect(keys(external.notes)).toEqual(['OAuthIssuer', 'OAuthClientId', 'SignInMethod']);
    expect(keys(parsePolicy({ BaseUrl: 'acme', SignInMethod: 'glean', OAuthScopes: ['openid'] }).notes)).toEqual(['OAuthScopes', 'SignInMethod']);
    expect(keys(parsePolicy({ BaseUrl: 'acme', SignInMethod: 'sso' }).notes)).toEqual(['SignInMethod']);
    // The backend alone is still taken.
    expect(parsePolicy({ BaseUrl: 'acme', SignInMethod: 'sso' }).policy.apiBase).toBe('https://acme-be.glean.com/rest/api/v1');
  });

  it('refuses right-click metadata with unknown or non-text fields, and a USER default without an ID', () => {
    expect(keys(parsePolicy({ RightClickMetadata: { Owner: 'x' } }).notes)).toEqual(['RightClickMetadata']);
    expect(keys(parsePolicy({ RightClickMetadata: { Id: 5 } }).notes)).toEqual(['RightClickMetadata']);
    expect(keys(parsePolicy({ RightClickMetadata: ['Id'] }).notes)).toEqual(['RightClickMetadata']);
    expect(keys(parsePolicy({ RightClickType: 'USER' }).notes)).toEqual(['RightClickType']);
    expect(parsePolicy({ RightClickType: 'USER', RightClickMetadata: { Id: 'me' } }).policy.rightClick).toEqual({ type: 'USER', metadata: { id: 'me' } });
    // Metadata alone keeps the default type.
    expect(parsePolicy({ RightClickMetadata: { ContentId: 'c' } }).policy.rightClick).toEqual({ type: 'UGC', metadata: { cid: 'c' } });
  });

  it('refuses a sites value that is not a list, and text longer than any field holds', () => {
    expect(keys(parsePolicy({ ShowImagesOnSites: 'wiki.acme.com' }).notes)).toEqual(['ShowImagesOnSites']);
    expect(keys(parsePolicy({ BaseUrl: 'a'.repeat(5000) }).notes)).toEqual(['BaseUrl']);
  });
});
