// Test helper: an identity provider and a Glean backend behind one fake `fetch`, for the
// background's OAuth code. Access tokens it issued are the only ones Glean accepts.
import { vi } from 'vitest';

export const ISSUER = 'https://login.acme.com';
export const API = 'https://acme-be.glean.com/rest/api/v1';
export const REDIRECT = 'https://ext-id.chromiumapp.org/';

export interface SeenCall {
  url: URL;
  method: string;
  headers: Headers;
  form: URLSearchParams;
}

/** The nonce of the last authorization request `approving` answered, for the ID token to carry. */
let lastNonce: string | null = null;

/** An ID token as oauth4webapi checks it: issuer, audience, times, nonce (the signature is TLS's). */
function idToken(clientId: string, claims: object): string {
  const now = Math.floor(Date.now() / 1000);
  const body = { iss: ISSUER, aud: clientId, sub: 'alice', iat: now, exp: now + 3600, ...(lastNonce ? { nonce: lastNonce } : {}), ...claims };
  return `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(body)).toString('base64url')}.c2ln`;
}

/** The fake network; change its fields between calls to script what happens. */
export function fakeOAuth() {
  let n = 0;
  const net = {
    calls: [] as SeenCall[],
    /** Seconds each new access token lasts. */
    lifetime: 3600,
    /** The refresh grant answers invalid_grant. */
    refuseRefresh: false,
    /** RFC 8414's document answers 404 (OpenID's still works). */
    onlyOpenId: false,
    claims: { name: 'Alice Example', email: 'alice@acme.com' } as Record<string, string>,
    /** Answers of Glean (status codes) for the next API calls, then 200. */
    gleanAnswers: [] as number[],
    accepted: new Set<string>(),
    /** Delays each token answer, so concurrent callers overlap. */
    tokenDelayMs: 0,
    count: (path: string) => net.calls.filter((c) => c.url.pathname === path).length,
  };
  const issue = (withRefresh: boolean, clientId: string) => {
    n += 1;
    net.accepted.add(`at-${n}`);
    return { access_token: `at-${n}`, token_type: 'Bearer', expires_in: net.lifetime, ...(withRefresh ? { refresh_token: `rt-${n}` } : {}), id_token: idToken(clientId, net.claims) };
  };
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const call: SeenCall = { url, method: init.method ?? 'GET', headers: new Headers(init.headers), form: new URLSearchParams(typeof init.body === 'string' || init.body instanceof URLSearchParams ? init.body : '') };
    net.calls.push(call);
    switch (url.pathname) {
      case '/.well-known/oauth-authorization-server':
        if (net.onlyOpenId) return new Response('', { status: 404 });
      // falls through
      case '/.well-known/openid-configuration':
        return Response.json({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/authorize`, token_endpoint: `${ISSUER}/token`, revocation_endpoint: `${ISSUER}/revoke`, userinfo_endpoint: `${ISSUER}/userinfo` });
      case '/token':
        if (net.tokenDelayMs) await new Promise((r) => setTimeout(r, net.tokenDelayMs));
        if (call.form.get('grant_type') === 'refresh_token' && net.refuseRefresh) return Response.json({ error: 'invalid_grant' }, { status: 400 });
        return Response.json(issue(true, call.form.get('client_id') ?? ''));
      case '/revoke':
        return new Response('', { status: 200 });
      case '/userinfo':
        return Response.json({ sub: 'alice', email: 'from-userinfo@acme.com' });
    }
    if (url.pathname.startsWith('/rest/api/v1/')) {
      const token = call.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
      const scripted = net.gleanAnswers.shift();
      const status = scripted ?? (net.accepted.has(token) && call.headers.get('x-glean-auth-type') === 'OAUTH' ? 200 : 401);
      if (status !== 200) return new Response('refused', { status });
      if (call.method === 'POST') return Response.json({ url: `${API}/images?key=k-${net.calls.length}` });
      return new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), { headers: { 'Content-Type': 'image/png' } });
    }
    return new Response('', { status: 404 });
  });
  return { net, fetch: fetchFn as unknown as typeof fetch };
}

/** A launchWebAuthFlow stand-in: answers the authorization URL with a code and the same state. */
export function approving(override: (params: URLSearchParams) => Record<string, string> = () => ({})) {
  const urls: URL[] = [];
  const launch = vi.fn(async (url: string) => {
    const asked = new URL(url);
    urls.push(asked);
    lastNonce = asked.searchParams.get('nonce');
    const back = new URL(asked.searchParams.get('redirect_uri')!);
    const params = { code: 'the-code', state: asked.searchParams.get('state')!, ...override(asked.searchParams) };
    for (const [k, v] of Object.entries(params)) back.searchParams.set(k, v);
    return back.toString();
  });
  return { launch, urls };
}
