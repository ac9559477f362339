/**
 * A Glean client for an OAuth sign-in: `Authorization: Bearer <access token>` (with
 * `X-Glean-Auth-Type: OAUTH` for an external provider's token; never act-as), the token asked for
 * per request because it is renewed as it ages, and one renewal and retry when Glean answers 401.
 */
import { createGleanClient, type GleanClient } from '../glean/client';
import { GleanError, isGleanError } from '../glean/errors';
import type { OAuthIssuer } from '../glean/types';
import { t } from '../i18n/t';
import { oauthAccessToken, oauthTokenAfter401 } from './oauth-tokens';

/** Where the tokens come from; tests pass fakes. */
export interface OAuthTokenSource {
  accessToken(): Promise<string>;
  after401(rejected: string): Promise<string>;
}

const background: OAuthTokenSource = { accessToken: oauthAccessToken, after401: oauthTokenAfter401 };

/** A client for `baseUrl` that signs every request with the current OAuth access token. */
export function oauthClient(baseUrl: string, issuedBy: OAuthIssuer, tokens: OAuthTokenSource = background, fetchImpl?: typeof fetch): GleanClient {
  const withToken = (token: string) =>
    createGleanClient({ baseUrl, getAuth: async () => ({ kind: 'oauth', token, issuedBy }), ...(fetchImpl ? { fetch: fetchImpl } : {}) });

  async function call<T>(run: (client: GleanClient) => Promise<T>): Promise<T> {
    const token = await tokens.accessToken();
    try {
      return await run(withToken(token));
    } catch (e) {
      // Only Glean's own 401: a token that expired early or was revoked may be renewable.
      if (!isGleanError(e) || e.status !== 401) throw e;
    }
    const renewed = await tokens.after401(token);
    try {
      return await run(withToken(renewed));
    } catch (e) {
      if (!isGleanError(e) || e.status !== 401) throw e;
      throw new GleanError(
        'unauthorized',
        t('bg_oauthRefused'),
        { status: 401, ...(e.url ? { url: e.url } : {}) },
      );
    }
  }

  const probe = withToken('unused');
  return {
    baseUrl: probe.baseUrl,
    getImage: (query, o) => call((c) => c.getImage(query, o)),
    uploadImage: (bytes, type, meta, o) => call((c) => c.uploadImage(bytes, type, meta, o)),
  };
}
