/**
 * Dynamic Client Registration (RFC 7591) as a Glean tenant's policy allows it (knob
 * `oauthRegistration`): any public client, only some redirect URI patterns, or none. Self-registered
 * clients are public (no secret, PKCE), and get a restricted scope set (DCR_SCOPES).
 */
import { DCR_SCOPES, type OAuthKnobs } from './oauth-knobs.js';
import { newToken } from './oauth-tokens.js';

/** A client the server knows: its redirect URIs (exact) and the scopes it may ask for. */
export interface RegisteredClient {
  clientId: string;
  redirectUris: string[];
  scopes: string[];
  clientName?: string;
}

/** The endpoint's answer: status and JSON body. */
export interface RegistrationAnswer {
  status: number;
  body: Record<string, unknown>;
}

const EXTENSION_REDIRECT = /^https:\/\/[a-z0-9-]+\.(chromiumapp\.org|extensions\.allizom\.org)\/[^?#]*$/;

/** Whether `uri` matches a pattern where `*` is any run of characters. */
export function matchesPattern(uri: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(uri);
}

export class ClientRegistry {
  private readonly clients = new Map<string, RegisteredClient>();

  constructor(private readonly knobs: OAuthKnobs) {}

  /** A self-registered client by id. */
  get(clientId: string): RegisteredClient | undefined {
    return this.clients.get(clientId);
  }

  /** All self-registered clients, oldest first (for tests). */
  list(): RegisteredClient[] {
    return [...this.clients.values()];
  }

  /** Forgets every self-registered client (an admin deleting them). */
  clear(): void {
    this.clients.clear();
  }

  /** POST /oauth/register with a JSON body. */
  register(body: unknown): RegistrationAnswer {
    const fail = (status: number, error: string, description: string): RegistrationAnswer => ({ status, body: { error, error_description: description } });
    if (this.knobs.oauthRegistration === 'refuse') return fail(403, 'access_denied', this.knobs.oauthRegistrationRefusal);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail(400, 'invalid_client_metadata', 'the body must be a JSON object');
    const meta = body as Record<string, unknown>;
    const uris = meta.redirect_uris;
    if (!Array.isArray(uris) || uris.length === 0 || !uris.every((u) => typeof u === 'string')) {
      return fail(400, 'invalid_redirect_uri', 'redirect_uris must list at least one URI');
    }
    const bad = (uris as string[]).find((u) => !this.redirectAllowed(u));
    if (bad !== undefined) return fail(400, 'invalid_redirect_uri', `${bad} is not an allowed redirect URI on this Glean instance`);
    if ((meta.token_endpoint_auth_method ?? 'client_secret_basic') !== 'none') {
      return fail(400, 'invalid_client_metadata', 'only public clients (token_endpoint_auth_method "none") may register themselves');
    }
    const grants = meta.grant_types;
    if (grants !== undefined && (!Array.isArray(grants) || !grants.includes('authorization_code'))) {
      return fail(400, 'invalid_client_metadata', 'grant_types must include authorization_code');
    }
    const asked = typeof meta.scope === 'string' ? meta.scope.split(' ').filter(Boolean) : DCR_SCOPES;
    const scopes = asked.filter((s) => DCR_SCOPES.includes(s));
    const client: RegisteredClient = {
      clientId: newToken('dcr'),
      redirectUris: [...(uris as string[])],
      scopes,
      ...(typeof meta.client_name === 'string' ? { clientName: meta.client_name } : {}),
    };
    this.clients.set(client.clientId, client);
    return {
      status: 201,
      body: {
        client_id: client.clientId,
        client_id_issued_at: Math.floor(Date.now() / 1000),
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
        scope: scopes.join(' '),
        ...(client.clientName ? { client_name: client.clientName } : {}),
      },
    };
  }

  private redirectAllowed(uri: string): boolean {
    if (!EXTENSION_REDIRECT.test(uri)) return false;
    if (this.knobs.oauthRegistration !== 'patterns') return true;
    return this.knobs.oauthRegistrationPatterns.some((p) => matchesPattern(uri, p));
  }
}
