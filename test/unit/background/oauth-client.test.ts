import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { credentialsChanged, onCredentialsChanged } from '../../../src/background/credentials';
import { configuredClient } from '../../../src/background/gated-client';
import { signIn } from '../../../src/background/oauth-sign-in';
import { forgetHeldTokens } from '../../../src/background/oauth-tokens';
import { publicSettings } from '../../../src/background/settings-handlers';
import { toastForJob } from '../../../src/background/toast-relay';
import { listHistory } from '../../../src/db/history';
import { loadTokens, storeSignIn } from '../../../src/db/oauth-session';
import { GleanError } from '../../../src/glean/errors';
import { RateGate } from '../../../src/queue/rate-gate';
import { UploadQueue } from '../../../src/queue/upload-queue';
import { DEFAULT_UPLOAD_PREFERENCES } from '../../../src/settings/upload-preferences';
import { resetDb } from '../db/reset-db';
import { prepared } from '../queue/queue-harness';
import { API, ISSUER, REDIRECT, approving, fakeOAuth } from './fake-oauth';

const realFetch = globalThis.fetch;
let fake: ReturnType<typeof fakeOAuth>;
let unsubscribe: (() => void) | undefined;

/** Stores a sign-in whose access token `at-0` has `leftMs` to live (of an hour). */
async function signedIn(leftMs: number) {
  const now = Date.now();
  fake.net.accepted.add('at-0');
  await storeSignIn(
    { apiBase: API, tokenType: 'user', actAs: '', userId: 'alice', authMethod: 'oauth', oauth: { issuer: ISSUER, clientId: 'cid', scopes: 'openid offline_access' } },
    { issuer: ISSUER, clientId: 'cid', tokenEndpoint: `${ISSUER}/token`, revocationEndpoint: `${ISSUER}/revoke`, account: 'Alice' },
    { accessToken: 'at-0', refreshToken: 'rt-0', issuedAt: now + leftMs - 3_600_000, expiresAt: now + leftMs },
  );
  forgetHeldTokens();
  await credentialsChanged();
}

const glean = () => fake.net.calls.filter((c) => c.url.pathname.startsWith('/rest/api/v1/'));

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  fake = fakeOAuth();
  vi.stubGlobal('fetch', fake.fetch);
});
afterEach(() => {
  unsubscribe?.();
  unsubscribe = undefined;
  vi.stubGlobal('fetch', realFetch);
});

describe('the API client with an OAuth sign-in', () => {
  it('sends the access token with X-Glean-Auth-Type: OAUTH and no act-as', async () => {
    await signedIn(30 * 60_000);
    await (await configuredClient(new RateGate(), 'someone@acme.com')).getImage({ key: 'k' });
    const [call] = glean();
    expect(call!.headers.get('authorization')).toBe('Bearer at-0');
    expect(call!.headers.get('x-glean-auth-type')).toBe('OAUTH');
    expect(call!.headers.has('x-scio-actas')).toBe(false);
    expect(fake.net.count('/token')).toBe(0);
  });

  it('renews a token about to expire before using it, once for concurrent calls', async () => {
    await signedIn(30_000);
    fake.net.tokenDelayMs = 20;
    const client = await configuredClient(new RateGate());
    await Promise.all(Array.from({ length: 5 }, (_, i) => client.getImage({ key: `k${i}` })));
    expect(fake.net.count('/token')).toBe(1);
    expect(glean().map((c) => c.headers.get('authorization'))).toEqual(Array(5).fill('Bearer at-1'));
    expect(await loadTokens()).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
  });

  it('renews once after a 401 and retries; a second 401 is reported', async () => {
    await signedIn(30 * 60_000);
    fake.net.gleanAnswers = [401];
    await (await configuredClient(new RateGate())).getImage({ key: 'k' });
    expect(glean().map((c) => c.headers.get('authorization'))).toEqual(['Bearer at-0', 'Bearer at-1']);
    fake.net.gleanAnswers = [401, 401];
    const e = await (await configuredClient(new RateGate())).getImage({ key: 'k' }).catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: 'unauthorized', status: 401, message: expect.stringMatching(/even after renewing/) });
    expect(fake.net.count('/token')).toBe(2);
  });

  it('treats an unreachable token endpoint as a passing network failure, keeping the sign-in', async () => {
    await signedIn(-1_000);
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith('/token')) throw new TypeError('Failed to fetch');
      return fake.fetch(input, init);
    }));
    const e = await (await configuredClient(new RateGate())).getImage({ key: 'k' }).catch((err: unknown) => err);
    expect(e).toMatchObject({ kind: 'network' });
    expect(await loadTokens()).toMatchObject({ refreshToken: 'rt-0' });
  });
});

describe('a refused renewal', () => {
  it('pauses the upload queue with "Sign in again" and loses nothing; signing in again finishes the upload', async () => {
    await signedIn(-1_000);
    fake.net.refuseRefresh = true;
    const gate = new RateGate();
    const queue = new UploadQueue({
      gate,
      preferences: async () => DEFAULT_UPLOAD_PREFERENCES,
      thumbnail: async () => undefined,
      notify: () => undefined,
      scheduleWake: () => undefined,
      upload: async (job, bytes, signal) => (await configuredClient(gate)).uploadImage(bytes, job.mime, job.metadata, { signal }),
    });
    unsubscribe = onCredentialsChanged(() => queue.credentialsChanged());
    await queue.enqueue({ prepared: prepared('png bytes'), metadata: { type: 'UGC' }, source: { fileName: 'a.png' } });

    await vi.waitFor(async () => expect((await queue.status()).pause).toMatchObject({ reason: 'unauthorized', message: expect.stringMatching(/^Sign in again/) }));
    const waiting = await queue.status();
    expect(waiting.jobs.map((j) => [j.state, j.attempts])).toEqual([['paused', 0]]);
    // What an in-page toast following this job shows.
    expect(toastForJob(waiting.jobs[0]!)).toMatchObject({ kind: 'progress', text: expect.stringContaining('Sign in again') });
    expect(glean()).toEqual([]);
    expect(await loadTokens()).toBeUndefined();
    expect(await publicSettings()).toMatchObject({ signedIn: false, needsSignIn: true, hasToken: false });
    await expect((await configuredClient(gate)).getImage({ key: 'k' })).rejects.toThrow(GleanError);

    await signIn({ backend: API, userId: 'alice', provider: 'external', issuer: ISSUER, clientId: 'cid', scopes: 'openid offline_access' }, { fetch: fake.fetch, launch: approving().launch, redirectUri: () => REDIRECT, now: Date.now });
    forgetHeldTokens();
    await credentialsChanged();
    await vi.waitFor(async () => expect((await queue.status()).jobs).toEqual([]));
    expect((await listHistory(10)).map((h) => h.fileName)).toEqual(['a.png']);
    expect(glean().map((c) => c.headers.get('authorization'))).toEqual(['Bearer at-1']);
    expect(await publicSettings()).toMatchObject({ signedIn: true, needsSignIn: false });
  });
});
