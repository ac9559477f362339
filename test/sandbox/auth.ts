/**
 * Authentication as Glean's REST API applies it (see shared/glean-images-api.md):
 * - user-scoped token: acts as its owner, so an act-as header is a client bug -> 400;
 * - global token: must name the user with `X-Scio-Actas` (or its newer spelling `X-Glean-ActAs`)
 *   holding an e-mail address -> 400 otherwise;
 * - OAuth access token of Glean's own authorization server ('oauth'): recognised by its issuer,
 *   with or without `X-Glean-Auth-Type: OAUTH`; never act-as;
 * - OAuth access token of an external identity provider ('oauth-external'): only together with
 *   `X-Glean-Auth-Type: OAUTH` (without it Glean looks it up as an API token: 401); never act-as.
 * Unknown or missing bearer tokens -> 401. Kept separate so an OAuth feature can add tokens.
 */
import type { IncomingHttpHeaders } from 'node:http';

export const USER_TOKEN = 'sandbox-user-token';
export const GLOBAL_TOKEN = 'sandbox-global-token';

export type TokenKind = 'user' | 'global' | 'oauth' | 'oauth-external';

export type AuthOutcome =
  | { ok: true; kind: TokenKind; token: string; actAs?: string }
  | { ok: false; status: 400 | 401; reason: string };

/** The accepted tokens. Starts with USER_TOKEN and GLOBAL_TOKEN; tests may add more. */
export class TokenRegistry {
  private readonly kinds = new Map<string, TokenKind>();

  constructor() {
    this.reset();
  }

  add(token: string, kind: TokenKind): void {
    if (!/^\S+$/.test(token)) throw new Error('a token is one non-empty word');
    this.kinds.set(token, kind);
  }

  remove(token: string): void {
    this.kinds.delete(token);
  }

  kindOf(token: string): TokenKind | undefined {
    return this.kinds.get(token);
  }

  /** Back to the two built-in tokens. */
  reset(): void {
    this.kinds.clear();
    this.kinds.set(USER_TOKEN, 'user');
    this.kinds.set(GLOBAL_TOKEN, 'global');
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Node lower-cases header names; repeated headers arrive joined or as arrays. */
function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function authenticate(headers: IncomingHttpHeaders, tokens: TokenRegistry): AuthOutcome {
  const authorization = header(headers, 'authorization');
  if (authorization === undefined) return { ok: false, status: 401, reason: 'missing Authorization header' };
  const match = /^Bearer +(\S+)\s*$/i.exec(authorization);
  if (!match) return { ok: false, status: 401, reason: 'Authorization must be "Bearer <token>"' };
  const token = match[1]!;
  const kind = tokens.kindOf(token);
  const authType = header(headers, 'x-glean-auth-type')?.trim() ?? '';
  const oauth = authType.toUpperCase() === 'OAUTH';
  if (!kind) return { ok: false, status: 401, reason: 'invalid token' };
  // An external provider's token without the OAUTH marker is looked up as an API token: unknown.
  // The marker on an API token sends it to the identity providers, which do not know it either.
  // Glean's own OAuth tokens are known by their issuer, marker or not.
  if (kind === 'oauth-external' && !oauth) return { ok: false, status: 401, reason: 'invalid token (an external provider’s token needs X-Glean-Auth-Type: OAUTH)' };
  if ((kind === 'user' || kind === 'global') && oauth) return { ok: false, status: 401, reason: 'invalid token' };

  // Both spellings are the same header; presence (even empty) counts.
  const scio = header(headers, 'x-scio-actas');
  const glean = header(headers, 'x-glean-actas');
  if (scio !== undefined && glean !== undefined && scio.trim() !== glean.trim()) {
    return { ok: false, status: 400, reason: 'X-Scio-Actas and X-Glean-ActAs disagree' };
  }
  const actAs = (scio ?? glean)?.trim();

  if (kind === 'global') {
    if (actAs === undefined) return { ok: false, status: 400, reason: 'a global token requires X-Scio-Actas' };
    if (!EMAIL.test(actAs)) return { ok: false, status: 400, reason: `X-Scio-Actas is not an e-mail address: "${actAs}"` };
    return { ok: true, kind, token, actAs };
  }
  if (actAs !== undefined) return { ok: false, status: 400, reason: `X-Scio-Actas is not allowed with a ${kind === 'user' ? 'user-scoped' : 'OAuth'} token` };
  if (kind === 'user' && authType !== '') {
    return { ok: false, status: 400, reason: 'X-Glean-Auth-Type must be empty for a user-scoped token' };
  }
  return { ok: true, kind, token };
}
