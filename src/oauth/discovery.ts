/**
 * Finds an authorization server's endpoints from its issuer URL: RFC 8414's
 * `/.well-known/oauth-authorization-server` first, then OpenID Connect's
 * `/.well-known/openid-configuration` (which Google, Entra ID and Okta serve).
 */
import { t, type MessageKey } from '../i18n/t';
import { OAuthError } from './errors';
import { isSecureUrl, jsonObject, oauthFetch } from './http';

/** The endpoints the extension uses, from a checked discovery document. */
export interface ServerMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  userinfoEndpoint?: string;
}

/** The discovery URLs for an issuer, in the order they are tried. */
export function discoveryUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return [
    // RFC 8414 §3.1 puts the well-known part between the host and the issuer's path…
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    // …OpenID Connect Discovery §4 appends it to the issuer…
    `${url.origin}${path}/.well-known/openid-configuration`,
    // …and RFC 8414 §5 allows the OpenID name at the RFC 8414 place.
    ...(path ? [`${url.origin}/.well-known/openid-configuration${path}`] : []),
  ];
}

const sameIssuer = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Checks a discovery document against the issuer asked for (RFC 8414 §3.3) and reads the endpoints. */
export function readMetadata(doc: Record<string, unknown> | undefined, issuer: string, from: string): ServerMetadata {
  // Every message starts "The discovery document at $1 …".
  const bad = (key: MessageKey, ...subs: string[]) => new OAuthError('discovery', t(key, from, ...subs));
  if (!doc) throw bad('oauth_discoveryNotJson');
  // A document naming another issuer could send the code and verifier to someone else's endpoints.
  if (typeof doc.issuer !== 'string' || !sameIssuer(doc.issuer, issuer)) {
    throw bad('oauth_discoveryWrongIssuer', String(doc.issuer), issuer);
  }
  for (const field of ['authorization_endpoint', 'token_endpoint']) {
    if (!isSecureUrl(doc[field])) throw bad('oauth_discoveryNoEndpoint', field);
  }
  const methods = doc.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) throw bad('oauth_discoveryNoPkce');
  const types = doc.response_types_supported;
  if (Array.isArray(types) && !types.includes('code')) throw bad('oauth_discoveryNoCodeFlow');
  const optional = (field: string) => (isSecureUrl(doc[field]) ? (doc[field] as string) : undefined);
  const revocationEndpoint = optional('revocation_endpoint');
  const userinfoEndpoint = optional('userinfo_endpoint');
  return {
    issuer: doc.issuer,
    authorizationEndpoint: doc.authorization_endpoint as string,
    tokenEndpoint: doc.token_endpoint as string,
    ...(revocationEndpoint ? { revocationEndpoint } : {}),
    ...(userinfoEndpoint ? { userinfoEndpoint } : {}),
  };
}

/** Fetches and checks the issuer's metadata, trying each well-known location in turn. */
export async function discover(issuer: string, fetchImpl: typeof fetch = fetch): Promise<ServerMetadata> {
  const tried: string[] = [];
  for (const url of discoveryUrls(issuer)) {
    const res = await oauthFetch(fetchImpl, url, { headers: { Accept: 'application/json' } }, 'authorization-server');
    if (res.status >= 500) throw new OAuthError('unavailable', t('oauth_serverError', res.status, url));
    if (!res.ok) {
      // Not found here (or not allowed): the next location may have it.
      void res.body?.cancel().catch(() => undefined);
      tried.push(`${url} (${res.status})`);
      continue;
    }
    return readMetadata(await jsonObject(res), issuer, url);
  }
  throw new OAuthError('discovery', t('oauth_discoveryNotFound', tried.join(', ')));
}
