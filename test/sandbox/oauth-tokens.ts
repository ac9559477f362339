/**
 * Tokens a sandbox OAuth server issued: access tokens registered in the TokenRegistry under the
 * server's kind ('oauth' for Glean's own, known by issuer; 'oauth-external', which the images API
 * accepts only with `X-Glean-Auth-Type: OAUTH`) and removed when they expire or are revoked,
 * refresh tokens, and an RS256-signed ID token (with the nonce the client sent).
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { TokenKind, TokenRegistry } from './auth.js';
import type { OAuthUser } from './oauth-knobs.js';

/** One sign-in: what it was for, and the access tokens issued under it. */
export interface Grant {
  clientId: string;
  scope: string;
  user: OAuthUser;
  accessTokens: Set<string>;
  nonce?: string;
}

export const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');
export const newToken = (prefix: string) => `${prefix}-${randomBytes(24).toString('base64url')}`;
const hasScope = (grant: Grant, scope: string) => grant.scope.split(' ').includes(scope);

export class OAuthTokens {
  private readonly refresh = new Map<string, Grant>();
  private readonly access = new Map<string, { grant: Grant; timer: NodeJS.Timeout }>();
  private readonly key: { private: KeyObject; public: KeyObject; kid: string };

  constructor(
    private readonly registry: TokenRegistry,
    private readonly issuer: () => string,
    private readonly kind: Extract<TokenKind, 'oauth' | 'oauth-external'> = 'oauth',
  ) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.key = { private: pair.privateKey, public: pair.publicKey, kid: newToken('key') };
  }

  /** The public key set the ID tokens are signed with (JWKS). */
  jwks(): Record<string, unknown> {
    return { keys: [{ ...this.key.public.export({ format: 'jwk' }), kid: this.key.kid, alg: 'RS256', use: 'sig' }] };
  }

  /** A token response for `grant`: a new access token, a refresh token when asked and allowed, an ID token. */
  issue(grant: Grant, seconds: number, withRefresh: boolean): Record<string, unknown> {
    const accessToken = newToken('sbx-at');
    this.registry.add(accessToken, this.kind);
    // Expired tokens leave the registry, so the images API answers them 401 like any unknown token.
    const timer = setTimeout(() => this.dropAccess(accessToken), seconds * 1000).unref();
    this.access.set(accessToken, { grant, timer });
    grant.accessTokens.add(accessToken);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'Bearer', expires_in: seconds, scope: grant.scope };
    if (withRefresh && hasScope(grant, 'offline_access')) {
      const refreshToken = newToken('sbx-rt');
      this.refresh.set(refreshToken, grant);
      body.refresh_token = refreshToken;
    }
    if (hasScope(grant, 'openid')) body.id_token = this.idToken(grant);
    return body;
  }

  private idToken(grant: Grant): string {
    const now = Math.floor(Date.now() / 1000);
    const { sub, name, email } = grant.user;
    const claims = { iss: this.issuer(), aud: grant.clientId, sub, name, email, email_verified: true, iat: now, exp: now + 3600, ...(grant.nonce ? { nonce: grant.nonce } : {}) };
    const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.key.kid }))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${b64url(sign('sha256', Buffer.from(input), this.key.private))}`;
  }

  /** The grant of a live refresh token. */
  grantOf(refreshToken: string): Grant | undefined {
    return this.refresh.get(refreshToken);
  }

  /** Retires a refresh token without touching its access tokens (rotation). */
  retire(refreshToken: string): void {
    this.refresh.delete(refreshToken);
  }

  private dropAccess(token: string): void {
    const held = this.access.get(token);
    if (!held) return;
    clearTimeout(held.timer);
    held.grant.accessTokens.delete(token);
    this.access.delete(token);
    this.registry.remove(token);
  }

  /** Revokes any token (RFC 7009): a refresh token takes the access tokens of its grant with it. */
  revoke(token: string): void {
    const grant = this.refresh.get(token);
    if (grant) {
      this.refresh.delete(token);
      for (const t of [...grant.accessTokens]) this.dropAccess(t);
    }
    this.dropAccess(token);
  }

  /** Revokes one refresh token, or every one; returns how many. */
  revokeRefreshTokens(token?: string): number {
    const tokens = token === undefined ? [...this.refresh.keys()] : [token].filter((t) => this.refresh.has(t));
    for (const t of tokens) this.revoke(t);
    return tokens.length;
  }

  /** Ends every access token now (as if they all expired), keeping refresh tokens. */
  expireAccessTokens(): number {
    const tokens = [...this.access.keys()];
    for (const t of tokens) this.dropAccess(t);
    return tokens.length;
  }

  /** The user a live access token acts for. */
  userFor(accessToken: string): OAuthUser | undefined {
    return this.access.get(accessToken)?.grant.user;
  }

  /** How many tokens are live. */
  counts(): { accessTokens: number; refreshTokens: number } {
    return { accessTokens: this.access.size, refreshTokens: this.refresh.size };
  }
}
