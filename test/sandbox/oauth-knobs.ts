/**
 * Knobs of the sandbox's OAuth server: tests set them on `sandbox.oauth.knobs` (or over
 * POST /__sandbox/oauth/knobs) to change how sign-ins, tokens and discovery behave.
 */

export interface OAuthUser {
  sub: string;
  name: string;
  email: string;
}

export interface OAuthKnobs {
  /** Redirect back with a code at once instead of showing the page with "Allow". */
  oauthAutoApprove: boolean;
  /** Lifetime of issued access tokens, in seconds. */
  oauthAccessTokenSeconds: number;
  /** Which discovery documents answer: both; only OpenID's (RFC 8414's answers 404); none. */
  oauthDiscovery: 'both' | 'openid-only' | 'none';
  /** Every refresh hands out a new refresh token and retires the old one. */
  oauthRotateRefreshTokens: boolean;
  /** The client an admin created (static); self-registered clients come on top. */
  oauthClientId: string;
  /** Its registered redirect URIs; empty: any extension redirect (https://<id>.chromiumapp.org/…, https://<id>.extensions.allizom.org/…). */
  oauthRedirectUris: string[];
  /** Who signs in. */
  oauthUser: OAuthUser;
  /** The next N token requests answer 503 (a passing outage). */
  oauthTokenErrorCount: number;
  /**
   * Dynamic Client Registration (RFC 7591) as the tenant's policy allows it: any public client;
   * only redirect URIs matching `oauthRegistrationPatterns`; refused (403 with
   * `oauthRegistrationRefusal`); or not offered at all (no `registration_endpoint`, 404).
   */
  oauthRegistration: 'any' | 'patterns' | 'refuse' | 'not-advertised';
  /** Redirect URI patterns for 'patterns'; `*` stands for any run of characters. */
  oauthRegistrationPatterns: string[];
  /** The reason given with a refused registration. */
  oauthRegistrationRefusal: string;
}

/** The scopes a self-registered client may have: Glean restricts DCR clients to a set. */
export const DCR_SCOPES = ['openid', 'email', 'profile', 'offline_access'];

export const SANDBOX_CLIENT_ID = 'glean-images-extension';

export function defaultOAuthKnobs(): OAuthKnobs {
  return {
    oauthAutoApprove: false,
    oauthAccessTokenSeconds: 3600,
    oauthDiscovery: 'both',
    oauthRotateRefreshTokens: true,
    oauthClientId: SANDBOX_CLIENT_ID,
    oauthRedirectUris: [],
    oauthUser: { sub: 'alice', name: 'Alice Example', email: 'alice@example.com' },
    oauthTokenErrorCount: 0,
    oauthRegistration: 'any',
    oauthRegistrationPatterns: ['https://*.chromiumapp.org/*', 'https://*.extensions.allizom.org/*'],
    oauthRegistrationRefusal: 'This Glean instance only accepts clients an admin approved.',
  };
}

const CHECKS: { [K in keyof OAuthKnobs]: (v: unknown) => boolean } = {
  oauthAutoApprove: (v) => typeof v === 'boolean',
  oauthAccessTokenSeconds: (v) => Number.isInteger(v) && (v as number) > 0,
  oauthDiscovery: (v) => v === 'both' || v === 'openid-only' || v === 'none',
  oauthRotateRefreshTokens: (v) => typeof v === 'boolean',
  oauthClientId: (v) => typeof v === 'string' && v !== '',
  oauthRedirectUris: (v) => Array.isArray(v) && v.every((u) => typeof u === 'string'),
  oauthUser: (v) => typeof v === 'object' && v !== null && ['sub', 'name', 'email'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string'),
  oauthTokenErrorCount: (v) => Number.isInteger(v) && (v as number) >= 0,
  oauthRegistration: (v) => v === 'any' || v === 'patterns' || v === 'refuse' || v === 'not-advertised',
  oauthRegistrationPatterns: (v) => Array.isArray(v) && v.every((u) => typeof u === 'string'),
  oauthRegistrationRefusal: (v) => typeof v === 'string' && v !== '',
};

/** Merges a JSON patch after checking all of it; throws on unknown keys or bad values. */
export function mergeOAuthKnobs(knobs: OAuthKnobs, patch: unknown): void {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('OAuth knobs must be a JSON object');
  for (const [key, value] of Object.entries(patch)) {
    const check = CHECKS[key as keyof OAuthKnobs];
    if (!check) throw new Error(`unknown OAuth knob "${key}"`);
    if (!check(value)) throw new Error(`bad value for OAuth knob "${key}"`);
  }
  Object.assign(knobs, patch);
}

/** Resets in place, so anyone holding the object sees the change. */
export function resetOAuthKnobs(knobs: OAuthKnobs): void {
  Object.assign(knobs, defaultOAuthKnobs());
}
