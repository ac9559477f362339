import { describe, expect, it } from 'vitest';
import { isEmail, requireValidSettings, SettingsInvalidError, validateSettings, type SettingsDraft } from '../../../src/settings/validate';

const BASE = 'https://acme-be.glean.com/rest/api/v1';
const draft = (over: Partial<SettingsDraft> = {}): SettingsDraft => ({ backend: 'acme', tokenType: 'user', actAs: '', userId: '', ...over });

function errorsOf(d: SettingsDraft) {
  const r = validateSettings(d);
  return 'errors' in r ? r.errors : [];
}

describe('validateSettings: backend address', () => {
  it.each([
    ['acme', BASE],
    ['  ACME  ', BASE],
    ['https://acme-be.glean.com', BASE],
    ['https://acme-be.glean.com/', BASE],
    ['https://acme-be.glean.com/rest/api/v1/', BASE],
    ['acme-be.glean.com', BASE],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787/rest/api/v1'],
    ['http://localhost:8787/', 'http://localhost:8787/rest/api/v1'],
    ['http://[::1]:8787', 'http://[::1]:8787/rest/api/v1'],
  ])('accepts %j as %s', (backend, apiBase) => {
    expect(validateSettings(draft({ backend }))).toEqual({ settings: { apiBase, tokenType: 'user', actAs: '', userId: '' } });
  });

  it.each(['http://acme-be.glean.com', 'http://10.0.0.5:8787', 'http://127.0.0.1.evil.example'])(
    'refuses plain http to %j with a message that says why',
    (backend) => {
      const errors = errorsOf(draft({ backend }));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.field).toBe('backend');
      expect(errors[0]!.message).toMatch(/https:\/\//);
      expect(errors[0]!.message).toMatch(/localhost|this computer/);
    },
  );

  it.each(['', '   ', 'ftp://acme-be.glean.com', 'javascript:alert(1)', 'https://acme-be.glean.com/some/path', 'https://acme-be.glean.com/?x=1', 'https://u:p@acme-be.glean.com'])(
    'refuses %j with a backend error',
    (backend) => {
      const errors = errorsOf(draft({ backend }));
      expect(errors.map((e) => e.field)).toEqual(['backend']);
      expect(errors[0]!.message.length).toBeGreaterThan(10);
    },
  );
});

describe('isEmail', () => {
  it.each(['jane@acme.com', ' jane@acme.com ', 'j.doe+glean@sub.acme.co.uk', 'a@b.c'])('accepts %j', (v) => {
    expect(isEmail(v)).toBe(true);
  });
  it.each(['', 'jane', 'jane@', '@acme.com', 'jane@acme', 'jane doe@acme.com', 'jane@@acme.com', 'ja@ne@acme.com', 'jane@acme .com', 'jane@acme.com\nX-Evil: 1'])(
    'refuses %j',
    (v) => {
      expect(isEmail(v)).toBe(false);
    },
  );
});

describe('validateSettings: token type and act-as', () => {
  it('requires an act-as e-mail for a global token', () => {
    const errors = errorsOf(draft({ tokenType: 'global', actAs: '   ' }));
    expect(errors).toEqual([{ field: 'actAs', message: expect.stringMatching(/e-mail/) }]);
  });

  it('refuses an act-as that is not an e-mail for a global token, naming it', () => {
    const errors = errorsOf(draft({ tokenType: 'global', actAs: 'jane' }));
    expect(errors).toEqual([{ field: 'actAs', message: expect.stringContaining('"jane"') }]);
  });

  it('accepts a global token acting as a trimmed e-mail', () => {
    expect(validateSettings(draft({ tokenType: 'global', actAs: '  jane@acme.com ' }))).toEqual({
      settings: { apiBase: BASE, tokenType: 'global', actAs: 'jane@acme.com', userId: '' },
    });
  });

  it('refuses act-as with a user token', () => {
    const errors = errorsOf(draft({ tokenType: 'user', actAs: 'jane@acme.com' }));
    expect(errors).toEqual([{ field: 'actAs', message: expect.stringMatching(/user token/i) }]);
  });

  it('ignores a blank act-as with a user token', () => {
    expect(validateSettings(draft({ actAs: '  \t ' }))).toEqual({ settings: { apiBase: BASE, tokenType: 'user', actAs: '', userId: '' } });
  });

  it('reports every field error at once', () => {
    const errors = errorsOf(draft({ backend: 'http://evil.example', tokenType: 'global', actAs: '' }));
    expect(errors.map((e) => e.field).sort()).toEqual(['actAs', 'backend']);
  });
});

describe('validateSettings: user id', () => {
  it('trims the user id', () => {
    expect(validateSettings(draft({ userId: '  u-123 \n' }))).toEqual({ settings: { apiBase: BASE, tokenType: 'user', actAs: '', userId: 'u-123' } });
  });
});

describe('requireValidSettings', () => {
  it('returns the settings for a valid draft', () => {
    expect(requireValidSettings(draft())).toEqual({ apiBase: BASE, tokenType: 'user', actAs: '', userId: '' });
  });

  it('throws SettingsInvalidError carrying the fields', () => {
    try {
      requireValidSettings(draft({ backend: '', tokenType: 'global' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsInvalidError);
      const err = e as SettingsInvalidError;
      expect(err.fields.map((f) => f.field).sort()).toEqual(['actAs', 'backend']);
      expect(err.message).toContain(err.fields[0]!.message);
    }
  });
});
