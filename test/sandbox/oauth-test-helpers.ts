/** Shared steps of the sandbox OAuth server's own tests (not a test file itself). */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { SANDBOX_CLIENT_ID, type Sandbox } from './server.js';

export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
export const SCOPES = 'openid email profile offline_access';
export const challengeOf = (v: string) => createHash('sha256').update(v).digest('base64url');

/** Requests against one sandbox, as a public client with the verifier above would make them. */
export function oauthSteps(sandbox: () => Sandbox) {
  const steps = {
    authorizeUrl(over: Record<string, string | null> = {}): string {
      const params: Record<string, string | null> = {
        response_type: 'code', client_id: SANDBOX_CLIENT_ID, redirect_uri: REDIRECT, scope: SCOPES,
        state: 'st-1', code_challenge: challengeOf(VERIFIER), code_challenge_method: 'S256', ...over,
      };
      const url = new URL(`${sandbox().origin}/oauth/authorize`);
      for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
      return url.toString();
    },
    /** A code, approved at once (auto-approve). */
    async code(over: Record<string, string | null> = {}): Promise<string> {
      sandbox().oauth.knobs.oauthAutoApprove = true;
      const res = await fetch(steps.authorizeUrl(over), { redirect: 'manual' });
      expect(res.status).toBe(302);
      return new URL(res.headers.get('location')!).searchParams.get('code')!;
    },
    post: (path: string, params: Record<string, string>) =>
      fetch(`${sandbox().origin}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) }),
    location: (res: Response) => new URL(res.headers.get('location') ?? 'about:blank'),
    exchange: (c: string, over: Record<string, string> = {}) =>
      steps.post('/oauth/token', { grant_type: 'authorization_code', code: c, redirect_uri: REDIRECT, client_id: SANDBOX_CLIENT_ID, code_verifier: VERIFIER, ...over }),
    refresh: (token: string) => steps.post('/oauth/token', { grant_type: 'refresh_token', refresh_token: token, client_id: SANDBOX_CLIENT_ID }),
    /** alice's profile picture with an access token (and the OAuth marker unless told otherwise). */
    alice: (token: string, extra: Record<string, string> = { 'x-glean-auth-type': 'OAUTH' }) =>
      fetch(`${sandbox().baseUrl}/images?type=USER&id=alice`, { headers: { authorization: `Bearer ${token}`, ...extra } }),
    async signIn(over: Record<string, string | null> = {}): Promise<{ access_token: string; refresh_token: string; id_token: string; expires_in: number }> {
      const res = await steps.exchange(await steps.code(over));
      expect(res.status).toBe(200);
      return (await res.json()) as never;
    },
  };
  return steps;
}
