/** What pages may know about the OAuth sign-in, and signing out (with revocation where offered). */
import { clearSignIn, loadSession, loadTokens, type OAuthSession } from '../db/oauth-session';
import type { ServerMetadata } from '../oauth/discovery';
import { revokeToken, type TokenSet } from '../oauth/token-client';
import type { PublicSettings } from '../settings/types';
import { forgetHeldTokens } from './oauth-tokens';

/** The sign-in's state for settings.get: never a token. */
export async function oauthStatus(): Promise<Pick<PublicSettings, 'hasToken' | 'signedIn' | 'needsSignIn' | 'account'>> {
  const [session, tokens] = await Promise.all([loadSession(), loadTokens()]);
  const signedIn = Boolean(tokens);
  return {
    hasToken: signedIn,
    signedIn,
    needsSignIn: !signedIn && Boolean(session?.needsSignIn),
    ...(signedIn && session?.account ? { account: session.account } : {}),
  };
}

/** The current sign-in as stored, to revoke after it was replaced or forgotten. */
export async function heldSignIn(): Promise<{ session?: OAuthSession; tokens?: TokenSet }> {
  const [session, tokens] = await Promise.all([loadSession(), loadTokens()]);
  return { ...(session ? { session } : {}), ...(tokens ? { tokens } : {}) };
}

/** The parts of the server's metadata a stored sign-in keeps, as oauth4webapi takes them. */
export function sessionServer(session: OAuthSession): ServerMetadata {
  return {
    issuer: session.issuer,
    token_endpoint: session.tokenEndpoint,
    ...(session.revocationEndpoint ? { revocation_endpoint: session.revocationEndpoint } : {}),
    ...(session.idTokenAlgs ? { id_token_signing_alg_values_supported: session.idTokenAlgs } : {}),
  };
}

/** Asks the server to revoke a sign-in's tokens, when it offers revocation; failures are ignored. */
export async function revokeSignIn({ session, tokens }: { session?: OAuthSession; tokens?: TokenSet }, fetchImpl: typeof fetch = fetch): Promise<void> {
  if (!session?.revocationEndpoint || !tokens) return;
  const as = sessionServer(session);
  const clientId = session.clientId;
  // The refresh token first: revoking it usually ends the access tokens issued with it too.
  if (tokens.refreshToken) await revokeToken(as, { token: tokens.refreshToken, hint: 'refresh_token', clientId }, fetchImpl);
  await revokeToken(as, { token: tokens.accessToken, hint: 'access_token', clientId }, fetchImpl);
}

/** Forgets the OAuth tokens here first (so signing out works offline), then revokes them. */
export async function signOut(fetchImpl: typeof fetch = fetch): Promise<void> {
  const held = await heldSignIn();
  await clearSignIn();
  forgetHeldTokens();
  await revokeSignIn(held, fetchImpl);
}
