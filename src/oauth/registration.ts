/**
 * Dynamic Client Registration (RFC 7591) with oauth4webapi: the extension registers itself at the
 * Glean instance's own authorization server as a public client (no secret, PKCE, the browser's
 * redirect URL), so nobody has to type a client ID. When the tenant does not allow it, the error
 * says why in words, so the options page can offer the admin's client ID instead.
 */
import * as oauth from 'oauth4webapi';
import { t } from '../i18n/t';
import { OAuthError } from './errors';
import { requestOptions } from './http';
import type { ServerMetadata } from './discovery';

/** What registering gave: the client ID, and the scopes granted when the server said. */
export interface Registration {
  clientId: string;
  scope?: string;
}

/** The client metadata sent: a public client using the authorization code flow with PKCE. */
export function clientMetadata(redirectUri: string, scopes: string): Partial<oauth.OmitSymbolProperties<oauth.Client>> {
  return {
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    client_name: t('extName'),
    application_type: 'native',
    scope: scopes,
  };
}

function refusal(e: unknown, redirectUri: string): OAuthError {
  if (e instanceof oauth.ResponseBodyError) {
    if (e.status >= 500 || e.status === 429) return new OAuthError('unavailable', t('oauth_registrationUnavailable', e.status));
    const why = e.error_description || e.error;
    // RFC 7591 §3.2.2: the redirect URI is what the tenant's patterns did not allow.
    if (e.error === 'invalid_redirect_uri') return new OAuthError('redirect-not-allowed', t('oauth_registrationRedirect', redirectUri, why), e.error, redirectUri);
    return new OAuthError('registration-refused', t('oauth_registrationRefused', why), e.error);
  }
  if (e instanceof OAuthError) return e;
  if (e instanceof oauth.WWWAuthenticateChallengeError) return new OAuthError('registration-refused', t('oauth_registrationRefused', String(e.status)));
  if (e instanceof oauth.OperationProcessingError) {
    const status = e.cause instanceof Response ? e.cause.status : 0;
    if (status >= 500 || status === 429) return new OAuthError('unavailable', t('oauth_registrationUnavailable', status));
    if (status >= 400) return new OAuthError('registration-refused', t('oauth_registrationRefused', String(status)));
  }
  return new OAuthError('bad-response', t('oauth_registrationBadAnswer'));
}

/** Registers this extension; throws an OAuthError saying why when the server will not have it. */
export async function registerClient(as: ServerMetadata, redirectUri: string, scopes: string, fetchImpl: typeof fetch = fetch): Promise<Registration> {
  const endpoint = as.registration_endpoint;
  if (!endpoint) throw new OAuthError('registration-unavailable', t('oauth_registrationNotOffered', as.issuer));
  try {
    const res = await oauth.dynamicClientRegistrationRequest(as, clientMetadata(redirectUri, scopes), requestOptions(endpoint, fetchImpl, 'registration-endpoint'));
    const client = await oauth.processDynamicClientRegistrationResponse(res);
    // A registration that would need a secret is of no use to an extension, which cannot keep one.
    if (client.token_endpoint_auth_method !== undefined && client.token_endpoint_auth_method !== 'none') {
      throw new OAuthError('registration-refused', t('oauth_registrationConfidential'));
    }
    return { clientId: client.client_id, ...(typeof client.scope === 'string' ? { scope: client.scope } : {}) };
  } catch (e) {
    throw refusal(e, redirectUri);
  }
}
