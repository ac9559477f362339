/**
 * The sandbox's OAuth 2.1 authorization server, minus HTTP (see oauth-routes.ts): authorization
 * requests with PKCE (S256 only) for the admin's static public client and self-registered ones
 * (oauth-registration.ts), one-time codes, and the token endpoint's two grants. Tokens themselves
 * live in oauth-tokens.ts. Run twice: as the Glean instance's own server (issuer = the backend's
 * origin, DCR offered, tokens known by their issuer) and as an external identity provider on
 * another origin (static client only, tokens that need `X-Glean-Auth-Type: OAUTH`).
 */
import { createHash } from 'node:crypto';
import type { TokenKind, TokenRegistry } from './auth.js';
import { defaultOAuthKnobs, resetOAuthKnobs, type OAuthKnobs } from './oauth-knobs.js';
import { ClientRegistry, type RegistrationAnswer } from './oauth-registration.js';
import { b64url, newToken, OAuthTokens } from './oauth-tokens.js';

/** What an authorization request asked for, kept until its code is redeemed. */
export interface AuthRequest {
  clientId: string;
  redirectUri: string;
  state: string | null;
  challenge: string;
  scope: string;
  /** OpenID Connect's nonce, echoed in the ID token. */
  nonce?: string;
}

/** Which of the two roles a server plays. */
export interface OAuthServerRole {
  /** 'oauth': Glean's own server; 'oauth-external': an identity provider Glean trusts. */
  tokenKind: Extract<TokenKind, 'oauth' | 'oauth-external'>;
  /** Whether it offers Dynamic Client Registration (still subject to the knob). */
  registration: boolean;
}

/** The answer of the token endpoint: status and JSON body. */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
}

const EXTENSION_REDIRECT = /^https:\/\/[a-z0-9-]+\.(chromiumapp\.org|extensions\.allizom\.org)\/[^?#]*$/;
const CODE_LIFETIME_MS = 60_000;

export class OAuthServer {
  readonly knobs: OAuthKnobs = defaultOAuthKnobs();
  readonly tokens: OAuthTokens;
  readonly clients = new ClientRegistry(this.knobs);
  private readonly pending = new Map<string, AuthRequest>();
  private readonly codes = new Map<string, AuthRequest & { expiresAt: number }>();

  constructor(
    registry: TokenRegistry,
    readonly issuer: () => string,
    readonly role: OAuthServerRole = { tokenKind: 'oauth', registration: true },
  ) {
    this.tokens = new OAuthTokens(registry, issuer, role.tokenKind);
  }

  /** Whether the registration endpoint is advertised and answers. */
  get registrationOffered(): boolean {
    return this.role.registration && this.knobs.oauthRegistration !== 'not-advertised';
  }

  /** Dynamic Client Registration (RFC 7591). */
  register(body: unknown): RegistrationAnswer {
    return this.clients.register(body);
  }

  /** Whether `clientId` is the static client or a self-registered one. */
  knowsClient(clientId: string): boolean {
    return clientId === this.knobs.oauthClientId || this.clients.get(clientId) !== undefined;
  }

  /** Scopes a client may not have (self-registered clients get a restricted set). */
  scopesRefused(clientId: string, scope: string): string[] {
    const client = this.clients.get(clientId);
    if (!client) return [];
    return scope.split(' ').filter((s) => s && !client.scopes.includes(s));
  }

  /** The discovery document (RFC 8414 names; OpenID Connect reads the same fields). */
  metadata(): Record<string, unknown> {
    const iss = this.issuer();
    return {
      issuer: iss,
      authorization_endpoint: `${iss}/oauth/authorize`,
      token_endpoint: `${iss}/oauth/token`,
      revocation_endpoint: `${iss}/oauth/revoke`,
      userinfo_endpoint: `${iss}/oauth/userinfo`,
      jwks_uri: `${iss}/oauth/jwks`,
      ...(this.registrationOffered ? { registration_endpoint: `${iss}/oauth/register` } : {}),
      id_token_signing_alg_values_supported: ['RS256'],
      subject_types_supported: ['public'],
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: ['openid', 'email', 'profile', 'offline_access'],
      authorization_response_iss_parameter_supported: true,
    };
  }

  /** Whether a redirect URI is registered for the client. */
  redirectAllowed(clientId: string, uri: string): boolean {
    const registered = this.clients.get(clientId);
    if (registered) return registered.redirectUris.includes(uri);
    const listed = this.knobs.oauthRedirectUris;
    return listed.length ? listed.includes(uri) : EXTENSION_REDIRECT.test(uri);
  }

  /** Keeps a checked request until the page's "Allow"; returns the id its form posts back. */
  hold(request: AuthRequest): string {
    const id = newToken('req');
    this.pending.set(id, request);
    return id;
  }

  /** Takes back a request held for the page (once). */
  take(id: string): AuthRequest | undefined {
    const request = this.pending.get(id);
    this.pending.delete(id);
    return request;
  }

  /** Issues a one-time code for an approved request; returns the redirect URL carrying it. */
  approve(request: AuthRequest): string {
    const code = newToken('code');
    this.codes.set(code, { ...request, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return this.redirect(request, { code });
  }

  /** The redirect back to the client with `params`, the state and our issuer (RFC 9207). */
  redirect(request: Pick<AuthRequest, 'redirectUri' | 'state'>, params: Record<string, string>): string {
    const url = new URL(request.redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (request.state !== null) url.searchParams.set('state', request.state);
    url.searchParams.set('iss', this.issuer());
    return url.toString();
  }

  /** The token endpoint: authorization_code (checks PKCE, redirect_uri, client_id) and refresh_token. */
  token(form: URLSearchParams): TokenAnswer {
    const fail = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });
    if (this.knobs.oauthTokenErrorCount > 0) {
      this.knobs.oauthTokenErrorCount--;
      return fail(503, 'temporarily_unavailable', 'the sandbox token endpoint is down (knob)');
    }
    const clientId = form.get('client_id') ?? '';
    if (!this.knowsClient(clientId)) return fail(401, 'invalid_client', `unknown client "${clientId}"`);
    const seconds = this.knobs.oauthAccessTokenSeconds;
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const request = this.codes.get(code);
      this.codes.delete(code); // one use only, whatever happens next
      if (!request || request.expiresAt < Date.now()) return fail(400, 'invalid_grant', 'unknown, used or expired code');
      if (request.clientId !== clientId) return fail(400, 'invalid_grant', 'the code was issued to another client');
      if (form.get('redirect_uri') !== request.redirectUri) return fail(400, 'invalid_grant', 'redirect_uri differs from the authorization request');
      const challenge = b64url(createHash('sha256').update(form.get('code_verifier') ?? '').digest());
      if (challenge !== request.challenge) return fail(400, 'invalid_grant', 'PKCE verification failed');
      const grant = { clientId, scope: request.scope, user: { ...this.knobs.oauthUser }, accessTokens: new Set<string>(), ...(request.nonce ? { nonce: request.nonce } : {}) };
      return { status: 200, body: this.tokens.issue(grant, seconds, true) };
    }
    if (grantType === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      const grant = this.tokens.grantOf(old);
      if (!grant || grant.clientId !== clientId) return fail(400, 'invalid_grant', 'unknown or revoked refresh token');
      const rotate = this.knobs.oauthRotateRefreshTokens;
      if (rotate) this.tokens.retire(old);
      const body = this.tokens.issue(grant, seconds, rotate);
      return { status: 200, body: rotate ? body : { ...body, refresh_token: old } };
    }
    return fail(400, 'unsupported_grant_type', `grant_type "${grantType ?? ''}" is not supported`);
  }

  /** Knobs back to defaults; issued tokens stay, like the API tokens a test added. */
  reset(): void {
    resetOAuthKnobs(this.knobs);
    this.pending.clear();
    this.clients.clear();
  }
}
