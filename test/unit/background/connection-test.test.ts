import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { testConnection } from '../../../src/background/connection-test';
import { getSecret, setSecret } from '../../../src/db/secrets';
import { loadSettings, storeSettings } from '../../../src/db/settings';
import type { SettingsDraft } from '../../../src/settings/validate';
import { resetDb } from '../db/reset-db';
import { imageResponse, recordingFetch, textResponse } from './recording-fetch';

const ACME = 'https://acme-be.glean.com/rest/api/v1';
const LOCAL = 'http://127.0.0.1:8787/rest/api/v1';
const PROBE = 'glean-images-extension-connection-check';
const draft = (over: Partial<SettingsDraft> = {}): SettingsDraft => ({ backend: 'acme', tokenType: 'user', actAs: '', userId: '', ...over });

const realFetch = globalThis.fetch;
let globalFetch: ReturnType<typeof recordingFetch>;

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  // The injected fetch must be the only one used.
  globalFetch = recordingFetch();
  vi.stubGlobal('fetch', globalFetch.fetch);
});

afterEach(() => {
  vi.stubGlobal('fetch', realFetch);
  expect(globalFetch.spy).not.toHaveBeenCalled();
});

describe('testConnection: outcomes', () => {
  it('is connected when the profile picture comes back (200 image), asking by USER id', async () => {
    const net = recordingFetch(() => imageResponse());
    const report = await testConnection(draft({ userId: ' u-42 ' }), 'tok', net.fetch);
    expect(report).toMatchObject({ ok: true, outcome: 'connected', triedUrl: ACME });
    expect(report.message).toContain(ACME);
    expect(net.requests).toHaveLength(1);
    const url = new URL(net.requests[0]!.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${ACME}/images`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ type: 'USER', id: 'u-42' });
  });

  it.each([404, 400])('is connected when the probe key answers %i (address and token accepted)', async (status) => {
    const net = recordingFetch(() => textResponse(status, 'no such image'));
    const report = await testConnection(draft(), 'tok', net.fetch);
    expect(report).toMatchObject({ ok: true, outcome: 'connected', triedUrl: ACME });
    expect(report.message).toMatch(/token was accepted/);
    expect(Object.fromEntries(new URL(net.requests[0]!.url).searchParams)).toEqual({ key: PROBE });
  });

  it('reports 401 as unauthorized', async () => {
    const net = recordingFetch(() => textResponse(401));
    const report = await testConnection(draft(), 'tok', net.fetch);
    expect(report).toMatchObject({ ok: false, outcome: 'unauthorized', triedUrl: ACME });
    expect(report.message).toMatch(/401/);
  });

  it('reports 429 with Retry-After as rate-limited with the seconds', async () => {
    const net = recordingFetch(() => textResponse(429, '', { 'Retry-After': '30' }));
    const report = await testConnection(draft(), 'tok', net.fetch);
    expect(report).toMatchObject({ ok: false, outcome: 'rate-limited', retryAfterSeconds: 30, triedUrl: ACME });
    expect(report.message).toMatch(/30 seconds/);
  });

  it('reports a network failure as unreachable, naming the URL tried', async () => {
    const net = recordingFetch(() => Promise.reject(new TypeError('fetch failed')));
    const report = await testConnection(draft({ backend: 'http://127.0.0.1:8787' }), 'tok', net.fetch);
    expect(report).toMatchObject({ ok: false, outcome: 'unreachable', triedUrl: LOCAL });
    expect(report.message).toContain(LOCAL);
  });

  it('reports a redirect as unreachable and does not follow it with the token', async () => {
    const net = recordingFetch(() => new Response(null, { status: 302, headers: { Location: 'https://evil.example/' } }));
    const report = await testConnection(draft(), 'tok', net.fetch);
    expect(report).toMatchObject({ ok: false, outcome: 'unreachable', triedUrl: ACME });
    expect(net.requests.map((r) => r.url)).toEqual([`${ACME}/images?key=${PROBE}`]);
  });

  it('reports a server error as error', async () => {
    const net = recordingFetch(() => textResponse(503));
    expect(await testConnection(draft(), 'tok', net.fetch)).toMatchObject({ ok: false, outcome: 'error', triedUrl: ACME });
  });

  it('does not count a sign-in page (200 html) as connected', async () => {
    const net = recordingFetch(() => new Response('<html>Sign in</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    const report = await testConnection(draft({ userId: 'me' }), 'tok', net.fetch);
    expect(report.ok).toBe(false);
    expect(report.outcome).toBe('error');
  });
});

describe('testConnection: checks before any request', () => {
  it.each<[string, Partial<SettingsDraft>, RegExp]>([
    ['a global token without act-as', { tokenType: 'global', actAs: '' }, /e-mail/],
    ['a global token with a bad act-as', { tokenType: 'global', actAs: 'jane' }, /not an e-mail/],
    ['a user token with act-as', { actAs: 'jane@acme.com' }, /Act as/],
    ['plain http to a non-loopback host', { backend: 'http://acme-be.glean.com' }, /https:\/\//],
    ['an empty backend', { backend: '' }, /instance name/],
  ])('refuses %s as invalid without calling fetch', async (_name, over, message) => {
    const net = recordingFetch();
    const report = await testConnection(draft(over), 'tok', net.fetch);
    expect(report).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(report.message).toMatch(message);
    expect(report.triedUrl).toBeUndefined();
    expect(net.spy).not.toHaveBeenCalled();
  });

  it('asks for a token when none is typed or stored', async () => {
    const net = recordingFetch();
    expect(await testConnection(draft(), '   ', net.fetch)).toMatchObject({ ok: false, outcome: 'invalid', message: expect.stringMatching(/token/) });
    expect(net.spy).not.toHaveBeenCalled();
  });
});

describe('testConnection: headers', () => {
  it('sends X-Scio-Actas only for a global token', async () => {
    const net = recordingFetch();
    await testConnection(draft({ tokenType: 'global', actAs: ' jane@acme.com ' }), 'global-tok', net.fetch);
    await testConnection(draft(), 'user-tok', net.fetch);
    const [global, user] = net.requests;
    expect(global!.headers.get('authorization')).toBe('Bearer global-tok');
    expect(global!.headers.get('x-scio-actas')).toBe('jane@acme.com');
    expect(user!.headers.get('authorization')).toBe('Bearer user-tok');
    expect(user!.headers.has('x-scio-actas')).toBe(false);
  });

  it('says whom a global token acts as', async () => {
    const net = recordingFetch(() => textResponse(404));
    const report = await testConnection(draft({ tokenType: 'global', actAs: 'jane@acme.com' }), 'tok', net.fetch);
    expect(report.message).toContain('acting as jane@acme.com');
  });

  it('trims a typed token', async () => {
    const net = recordingFetch();
    await testConnection(draft(), '  typed-tok\n', net.fetch);
    expect(net.requests[0]!.headers.get('authorization')).toBe('Bearer typed-tok');
  });
});

describe('testConnection: the stored token', () => {
  beforeEach(async () => {
    await storeSettings({ apiBase: ACME, tokenType: 'user', actAs: '', userId: '' });
    await setSecret('apiToken', 'stored-tok');
  });

  it('is used when no token is typed and the backend is the saved one', async () => {
    const net = recordingFetch();
    const report = await testConnection(draft({ backend: 'https://acme-be.glean.com/' }), undefined, net.fetch);
    expect(report.outcome).toBe('connected');
    expect(net.requests[0]!.headers.get('authorization')).toBe('Bearer stored-tok');
    expect(net.requests[0]!.url.startsWith(`${ACME}/`)).toBe(true);
  });

  it('is used for a blank typed token on the saved backend', async () => {
    const net = recordingFetch();
    await testConnection(draft(), ' ', net.fetch);
    expect(net.requests[0]!.headers.get('authorization')).toBe('Bearer stored-tok');
  });

  it('is never sent to another backend', async () => {
    const net = recordingFetch();
    const report = await testConnection(draft({ backend: 'https://evil-be.glean.com' }), undefined, net.fetch);
    expect(report).toMatchObject({ ok: false, outcome: 'invalid' });
    expect(net.spy).not.toHaveBeenCalled();
  });

  it('is not sent to the same host on another port or scheme', async () => {
    await storeSettings({ apiBase: LOCAL, tokenType: 'user', actAs: '', userId: '' });
    const net = recordingFetch();
    await testConnection(draft({ backend: 'http://127.0.0.1:9999' }), undefined, net.fetch);
    await testConnection(draft({ backend: 'https://127.0.0.1:8787' }), undefined, net.fetch);
    expect(net.spy).not.toHaveBeenCalled();
  });

  it('gives way to a typed token', async () => {
    const net = recordingFetch();
    await testConnection(draft(), 'typed-tok', net.fetch);
    expect(net.requests[0]!.headers.get('authorization')).toBe('Bearer typed-tok');
  });

  it('is not changed by a test', async () => {
    const net = recordingFetch(() => textResponse(401));
    await testConnection(draft({ backend: 'other' }), 'typed-tok', net.fetch);
    expect(await getSecret('apiToken')).toBe('stored-tok');
    expect((await loadSettings()).apiBase).toBe(ACME);
  });
});
