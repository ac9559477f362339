/**
 * The background's OAuth access token: one keeper for the whole background, so every request
 * shares its renewals. Failures become GleanErrors the queue already understands: `unauthorized`
 * (pause until the person signs in again) or `network` (back off and retry).
 */
import { clearSignIn, loadSession, loadTokens, saveTokens } from '../db/oauth-session';
import { GleanError } from '../glean/errors';
import { t, type MessageKey } from '../i18n/t';
import { isOAuthError, OAuthError } from '../oauth/errors';
import { refreshTokens } from '../oauth/token-client';
import { TokenKeeper } from '../oauth/token-keeper';
import { sessionServer } from './oauth-account';

/** What a person reads when the sign-in can no longer be renewed (popup, queue, in-page toast). */
const SIGN_IN_AGAIN = 'bg_signInAgain' satisfies MessageKey;
const SIGN_IN_FIRST = 'bg_signInFirst' satisfies MessageKey;

const renewedListeners = new Set<() => void>();

/** Calls `listener` after a renewed access token was stored (the page-image rules carry it). */
export function onAccessTokenRenewed(listener: () => void): void {
  renewedListeners.add(listener);
}

const keeper = new TokenKeeper({
  load: loadTokens,
  async save(tokens) {
    await saveTokens(tokens);
    renewedListeners.forEach((l) => l());
  },
  async refresh(refreshToken) {
    const session = await loadSession();
    if (!session) throw new OAuthError('signed-out', t('bg_notSignedIn'));
    return refreshTokens(sessionServer(session), { refreshToken, clientId: session.clientId });
  },
});

async function guarded(get: () => Promise<string>): Promise<string> {
  const epoch = keeper.epoch;
  try {
    return await get();
  } catch (e) {
    if (!isOAuthError(e)) throw e;
    if (e.kind === 'unavailable' || e.kind === 'bad-response') {
      // Keep the refresh token: the server may answer properly next time.
      throw new GleanError('network', t('bg_renewFailed', e.message));
    }
    if (keeper.epoch !== epoch) {
      // Signed in or out meanwhile: this failure is about tokens no longer held, and must not end
      // the newer sign-in. Asking again will use whatever is current.
      throw new GleanError('network', t('bg_signInChanged'));
    }
    if (e.kind === 'refused') {
      await clearSignIn(true);
      keeper.reset();
      throw new GleanError('unauthorized', t(SIGN_IN_AGAIN));
    }
    const session = await loadSession();
    throw new GleanError('unauthorized', t(session?.needsSignIn ? SIGN_IN_AGAIN : SIGN_IN_FIRST));
  }
}

/** The access token to send now, renewed first when it is about to expire; throws GleanError. */
export function oauthAccessToken(): Promise<string> {
  return guarded(() => keeper.accessToken());
}

/** After Glean refused `rejected` with 401: a renewed token, one renewal shared by all callers. */
export function oauthTokenAfter401(rejected: string): Promise<string> {
  return guarded(() => keeper.afterUnauthorized(rejected));
}

/** Forgets the tokens held in memory; call after the stored ones changed (sign-in, sign-out). */
export function forgetHeldTokens(): void {
  keeper.reset();
}
