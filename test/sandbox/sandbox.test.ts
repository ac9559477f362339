/** Auth rules, request validation, routing and CORS of the sandbox's API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_TOKEN, USER_TOKEN, startSandbox, type Sandbox } from './server.js';
import { asGlobal, asUser } from './test-helpers.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

const alice = () => `${sb.baseUrl}/images?type=USER&id=alice`;
const get = (url: string, headers: Record<string, string>) => fetch(url, { headers });

describe('startSandbox', () => {
  it('listens on 127.0.0.1 and derives baseUrl from origin', () => {
    expect(sb.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.origin).toBe(`http://127.0.0.1:${sb.port}`);
    expect(sb.baseUrl).toBe(`${sb.origin}/rest/api/v1`);
    expect(sb.tokens.user).toBe(USER_TOKEN);
    expect(sb.tokens.global).toBe(GLOBAL_TOKEN);
    expect([USER_TOKEN, GLOBAL_TOKEN]).toEqual(['sandbox-user-token', 'sandbox-global-token']);
  });
});

describe('user-scoped token', () => {
  it('works without act-as', async () => {
    expect((await get(alice(), asUser())).status).toBe(200);
  });

  it.each(['X-Scio-Actas', 'X-Glean-ActAs', 'x-scio-actas'])('refuses %s with 400 and a reason', async (name) => {
    const res = await get(alice(), asUser({ [name]: 'someone@example.com' }));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/not allowed with a user-scoped token/);
  });

  it('refuses an empty act-as header too (present is present)', async () => {
    expect((await get(alice(), asUser({ 'x-scio-actas': '' }))).status).toBe(400);
  });

  it('refuses a non-empty X-Glean-Auth-Type that is not OAUTH', async () => {
    expect((await get(alice(), asUser({ 'x-glean-auth-type': 'GLOBAL' }))).status).toBe(400);
  });

  it('accepts tokens added later, as user tokens', async () => {
    const headers = { authorization: 'Bearer extra-user-token' };
    expect((await get(alice(), headers)).status).toBe(401);
    sb.addUserToken('extra-user-token');
    expect((await get(alice(), headers)).status).toBe(200);
    expect((await get(alice(), { ...headers, 'x-scio-actas': 'a@b.co' })).status).toBe(400);
  });

  it('accepts the scheme case-insensitively', async () => {
    expect((await get(alice(), { authorization: `bearer ${USER_TOKEN}` })).status).toBe(200);
  });
});

describe('global token', () => {
  it('works with X-Scio-Actas or X-Glean-ActAs holding an e-mail', async () => {
    expect((await get(alice(), asGlobal('alice@example.com'))).status).toBe(200);
    const glean = { authorization: `Bearer ${GLOBAL_TOKEN}`, 'X-Glean-ActAs': 'alice@example.com' };
    expect((await get(alice(), glean)).status).toBe(200);
  });

  it('requires act-as', async () => {
    const res = await get(alice(), { authorization: `Bearer ${GLOBAL_TOKEN}` });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/requires X-Scio-Actas/);
  });

  it.each(['alice', '', 'alice@', '@example.com', 'a b@example.com'])('refuses act-as "%s"', async (email) => {
    expect((await get(alice(), asGlobal(email))).status).toBe(400);
  });

  it('refuses two act-as spellings that disagree, accepts them agreeing', async () => {
    expect((await get(alice(), asGlobal('a@example.com', { 'x-glean-actas': 'b@example.com' }))).status).toBe(400);
    expect((await get(alice(), asGlobal('a@example.com', { 'x-glean-actas': 'a@example.com' }))).status).toBe(200);
  });
});

describe('OAuth tokens', () => {
  it('of an external provider need X-Glean-Auth-Type: OAUTH and no act-as', async () => {
    sb.tokens.registry.add('external-access', 'oauth-external');
    const oauth = { authorization: 'Bearer external-access' };
    expect((await get(alice(), { ...oauth, 'x-glean-auth-type': 'OAUTH' })).status).toBe(200);
    expect((await get(alice(), oauth)).status).toBe(401);
    expect((await get(alice(), { ...oauth, 'x-glean-auth-type': 'OAUTH', 'x-scio-actas': 'a@b.co' })).status).toBe(400);
    expect((await get(alice(), asUser({ 'x-glean-auth-type': 'OAUTH' }))).status).toBe(401);
  });

  it('of Glean’s own server are known by their issuer, with or without the marker, never with act-as', async () => {
    sb.tokens.registry.add('glean-access', 'oauth');
    const oauth = { authorization: 'Bearer glean-access' };
    expect((await get(alice(), oauth)).status).toBe(200);
    expect((await get(alice(), { ...oauth, 'x-glean-auth-type': 'OAUTH' })).status).toBe(200);
    expect((await get(alice(), { ...oauth, 'x-glean-actas': 'a@b.co' })).status).toBe(400);
  });
});

describe('401', () => {
  it.each([
    ['no Authorization', {}],
    ['an unknown token', { authorization: 'Bearer nope' }],
    ['a Basic scheme', { authorization: `Basic ${USER_TOKEN}` }],
    ['a bare token', { authorization: USER_TOKEN }],
  ])('for %s, with WWW-Authenticate', async (_label, headers: Record<string, string>) => {
    const res = await get(alice(), headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('GET /images validation', () => {
  it.each([
    ['no parameters', ''],
    ['id without type', '?id=alice'],
    ['a lower-case type', '?type=user&id=alice'],
    ['a type outside the seven', '?type=DOCUMENT_IMAGE&id=alice'],
    ['key with type', '?key=seed-alice&type=USER'],
    ['key with id', '?key=seed-alice&id=alice'],
    ['key with ds', '?key=seed-alice&ds=slack'],
    ['key with an empty cid', '?key=seed-alice&cid='],
    ['an empty key', '?key='],
    ['a repeated parameter', '?type=USER&type=USER&id=alice'],
  ])('400 for %s', async (_label, query) => {
    const res = await get(`${sb.baseUrl}/images${query}`, asUser());
    expect(res.status).toBe(400);
    expect((await res.text()).length).toBeGreaterThan(0);
  });

  it('accepts every one of the seven types (404 when nothing is there)', async () => {
    for (const type of ['BACKGROUND', 'FEEDBACK', 'HEADER', 'ICON', 'LOGO', 'UGC', 'USER']) {
      expect((await get(`${sb.baseUrl}/images?type=${type}&id=nobody`, asUser())).status).toBe(404);
    }
  });

  it('404 "image not found" for unknown keys and metadata', async () => {
    for (const query of ['key=0123456789abcdef', 'type=USER&id=mallory', 'type=USER&id=alice&cid=thumb']) {
      const res = await get(`${sb.baseUrl}/images?${query}`, asUser());
      expect(res.status).toBe(404);
      expect(await res.text()).toBe('image not found');
    }
  });

  it('treats empty id/ds/cid as absent', async () => {
    expect((await get(`${sb.baseUrl}/images?type=USER&id=alice&ds=&cid=`, asUser())).status).toBe(200);
  });
});

describe('routing and CORS', () => {
  it('404 for unknown API paths, 405 with Allow for wrong methods', async () => {
    expect((await get(`${sb.baseUrl}/search`, asUser())).status).toBe(404);
    expect((await get(sb.baseUrl, asUser())).status).toBe(404);
    const post = await fetch(`${sb.baseUrl}/images?key=seed-alice`, { method: 'POST', headers: asUser() });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET']);
    const getUpload = await get(`${sb.baseUrl}/uploadimage?type=USER`, asUser());
    expect([getUpload.status, getUpload.headers.get('allow')]).toEqual([405, 'POST']);
  });

  it('404 outside the API and the demo', async () => {
    expect((await fetch(`${sb.origin}/elsewhere`)).status).toBe(404);
  });

  it('answers preflights permissively, without a token', async () => {
    const res = await fetch(`${sb.baseUrl}/uploadimage?type=USER`, {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://abc', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, x-scio-actas' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = res.headers.get('access-control-allow-headers')!.split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-scio-actas', 'x-glean-actas', 'x-glean-auth-type']));
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('sends Access-Control-Allow-Origin on ordinary and error answers', async () => {
    expect((await get(alice(), asUser())).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get(alice(), {})).headers.get('access-control-allow-origin')).toBe('*');
  });
});
