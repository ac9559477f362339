/**
 * What signing in needs, as typed on the options page, and its checks. Shared by the options page
 * (to catch mistakes before anything is sent) and the background (which trusts nothing).
 * With Glean's own server only the backend is needed: the issuer is the backend's origin, and an
 * empty client ID means "register yourself". An external provider needs its issuer and client ID.
 */
import { t } from '../i18n/t';
import type { OAuthIssuer } from '../glean/types';
import type { OAuthConfig } from '../settings/types';
import { checkBackend, type FieldError } from '../settings/validate';
import { isSecureUrl } from './http';

/** Enough to know who signed in, and `offline_access` for a refresh token, so sign-ins last. */
export const DEFAULT_SCOPES = 'openid email profile offline_access';

/** The sign-in request from the options page: the shared fields and the OAuth ones. */
export interface OAuthSignInRequest {
  backend: string;
  userId: string;
  /** 'glean': the instance's own server (issuer ignored); 'external': an identity provider. */
  provider: OAuthIssuer;
  issuer: string;
  clientId: string;
  scopes: string;
}

/** A checked request: the API base, the user ID and the OAuth settings to store. */
export interface CheckedSignIn {
  apiBase: string;
  userId: string;
  config: OAuthConfig;
}

// RFC 6749 §3.3: a scope is visible ASCII except `"` and `\`.
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** The issuer as a URL without trailing slash, or a sentence saying what is wrong. */
export function normalizeIssuer(input: string): string | { error: string } {
  const text = input.trim();
  if (!text) return { error: t('oauth_issuerEmpty') };
  if (/[?#]/.test(text)) return { error: t('oauth_issuerQuery') };
  if (!isSecureUrl(text)) return { error: t('oauth_issuerInsecure') };
  return text.replace(/\/+$/, '');
}

/** Checks a sign-in request; returns what to store, or every field's problem at once. */
export function validateSignIn(request: OAuthSignInRequest): { value: CheckedSignIn } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const apiBase = checkBackend(request.backend, errors);
  const glean = request.provider === 'glean';
  // Glean's own authorization server lives at the backend's origin.
  const issuer = glean ? (apiBase ? new URL(apiBase).origin : '') : normalizeIssuer(request.issuer);
  if (typeof issuer !== 'string') errors.push({ field: 'issuer', message: issuer.error });
  const clientId = request.clientId.trim();
  // With Glean's server an empty client ID means self-registration.
  if (!clientId && !glean) errors.push({ field: 'clientId', message: t('oauth_clientIdEmpty') });
  else if (clientId && !/^[\x20-\x7e]+$/.test(clientId)) errors.push({ field: 'clientId', message: t('oauth_clientIdInvalid') });
  const scopeList = request.scopes.trim().split(/\s+/).filter(Boolean);
  const badScope = scopeList.find((s) => !SCOPE.test(s));
  if (badScope) errors.push({ field: 'scopes', message: t('oauth_badScope', badScope) });
  if (errors.length || typeof issuer !== 'string') return { errors };
  const scopes = scopeList.length ? scopeList.join(' ') : DEFAULT_SCOPES;
  return { value: { apiBase, userId: request.userId.trim(), config: { issuer, clientId, scopes, provider: glean ? 'glean' : 'external' } } };
}
