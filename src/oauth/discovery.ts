/**
 * Finds an authorization server's metadata from its issuer URL with oauth4webapi: RFC 8414's
 * `/.well-known/oauth-authorization-server` first (where Glean's own server answers), then
 * OpenID Connect's `/.well-known/openid-configuration` (Google, Entra ID, Okta). The library checks
 * that the document names the issuer asked for; the checks here are what this extension needs.
 */
import * as oauth from 'oauth4webapi';
import { t, type MessageKey } from '../i18n/t';
import { OAuthError } from './errors';
import { isSecureUrl, requestOptions } from './http';

/** The metadata as oauth4webapi reads it. */
export type ServerMetadata = oauth.AuthorizationServer;

const ALGORITHMS = ['oauth2', 'oidc'] as const;

/** Checks what the library does not: secure endpoints, PKCE S256 and the code flow offered. */
export function checkMetadata(as: ServerMetadata, from: string): ServerMetadata {
  // Every message starts "The discovery document at $1 …".
  const bad = (key: MessageKey, ...subs: string[]) => new OAuthError('discovery', t(key, from, ...subs));
  for (const field of ['authorization_endpoint', 'token_endpoint'] as const) {
    if (!isSecureUrl(as[field])) throw bad('oauth_discoveryNoEndpoint', field);
  }
  const methods = as.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) throw bad('oauth_discoveryNoPkce');
  const types = as.response_types_supported;
  if (Array.isArray(types) && !types.includes('code')) throw bad('oauth_discoveryNoCodeFlow');
  // Optional endpoints on plain http elsewhere are dropped rather than used.
  const kept = { ...as };
  for (const field of ['revocation_endpoint', 'userinfo_endpoint', 'registration_endpoint'] as const) {
    if (kept[field] !== undefined && !isSecureUrl(kept[field])) delete kept[field];
  }
  return kept;
}

function wellKnown(issuer: URL, algorithm: (typeof ALGORITHMS)[number]): string {
  const path = issuer.pathname.replace(/\/+$/, '');
  return algorithm === 'oauth2' ? `${issuer.origin}/.well-known/oauth-authorization-server${path}` : `${issuer.origin}${path}/.well-known/openid-configuration`;
}

/** Fetches and checks the issuer's metadata, trying each well-known location in turn. */
export async function discover(issuer: string, fetchImpl: typeof fetch = fetch): Promise<ServerMetadata> {
  const issuerUrl = new URL(issuer);
  const tried: string[] = [];
  for (const algorithm of ALGORITHMS) {
    const url = wellKnown(issuerUrl, algorithm);
    const res = await oauth.discoveryRequest(issuerUrl, { algorithm, ...requestOptions(issuer, fetchImpl, 'authorization-server') }).catch((e: unknown) => {
      // The library refuses plain http itself; we allow it only on this computer.
      if (e instanceof oauth.OperationProcessingError) throw new OAuthError('invalid-config', t('oauth_issuerInsecure'));
      throw e;
    });
    if (res.status >= 500) throw new OAuthError('unavailable', t('oauth_serverError', res.status, url));
    if (res.status !== 200) {
      // Not found here (or not allowed): the next location may have it.
      void res.body?.cancel().catch(() => undefined);
      tried.push(`${url} (${res.status})`);
      continue;
    }
    let as: ServerMetadata;
    try {
      as = await oauth.processDiscoveryResponse(issuerUrl, res);
    } catch (e) {
      // A document naming another issuer could send the code and verifier to someone else's endpoints.
      if (e instanceof oauth.OperationProcessingError && e.code === oauth.JSON_ATTRIBUTE_COMPARISON) {
        const body = (e.cause as { body?: { issuer?: unknown } } | undefined)?.body;
        throw new OAuthError('discovery', t('oauth_discoveryWrongIssuer', url, String(body?.issuer), issuer));
      }
      throw new OAuthError('discovery', t('oauth_discoveryNotJson', url));
    }
    return checkMetadata(as, url);
  }
  throw new OAuthError('discovery', t('oauth_discoveryNotFound', tried.join(', ')));
}
