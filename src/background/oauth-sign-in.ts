/**
 * Signing in: discovery, the extension's own client (typed, or registered with DCR and kept per
 * backend), then the authorization code flow with PKCE (S256), a checked `state`, the issuer
 * (RFC 9207) and an OpenID nonce, in the browser's own sign-in window
 * (identity.launchWebAuthFlow, Chrome and Firefox), and the code exchanged as a public client.
 * Protocol steps are oauth4webapi's. Runs in the background only, so the verifier, the code and the
 * tokens never reach a page.
 */
import * as oauth from 'oauth4webapi';
import { browser } from 'wxt/browser';
import { forgetRegistration, loadRegistration, saveRegistration } from '../db/oauth-registrations';
import { storeSignIn } from '../db/oauth-session';
import { t } from '../i18n/t';
import { authorizationUrl, callbackFromRedirect } from '../oauth/authorize';
import { validateSignIn, type OAuthSignInRequest } from '../oauth/config';
import { discover, type ServerMetadata } from '../oauth/discovery';
import { isOAuthError, OAuthError } from '../oauth/errors';
import { accountName } from '../oauth/id-token';
import { registerClient } from '../oauth/registration';
import { exchangeCode, fetchUserinfo } from '../oauth/token-client';
import { SettingsInvalidError } from '../settings/validate';

/** The browser and network the flow uses; tests pass fakes. */
export interface SignInDeps {
  fetch: typeof fetch;
  /** Opens the sign-in window at `url` and resolves with the redirect URL it ended on. */
  launch(url: string): Promise<string | undefined>;
  redirectUri(): string;
  now(): number;
}

function browserDeps(): SignInDeps {
  return {
    fetch: (input, init) => globalThis.fetch(input, init),
    launch: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
    redirectUri: () => browser.identity.getRedirectURL(),
    now: Date.now,
  };
}

async function launch(deps: SignInDeps, url: string): Promise<string | undefined> {
  try {
    return await deps.launch(url);
  } catch (e) {
    // Chrome: "The user did not approve access."; Firefox: "User cancelled or denied access.".
    const why = e instanceof Error ? e.message : '';
    throw new OAuthError('cancelled', why ? t('bg_signInUnfinishedWhy', why) : t('bg_signInUnfinished'));
  }
}

/** The client to sign in with: the one typed, or this extension's own registration (reused, else made). */
async function clientFor(as: ServerMetadata, typed: string, redirectUri: string, scopes: string, deps: SignInDeps) {
  if (typed) return { clientId: typed, registered: false, reused: false };
  const kept = await loadRegistration(as.issuer, redirectUri);
  if (kept) return { clientId: kept.clientId, scope: kept.scope, registered: true, reused: true };
  const made = await registerClient(as, redirectUri, scopes, deps.fetch);
  await saveRegistration({ issuer: as.issuer, clientId: made.clientId, redirectUri, registeredAt: deps.now(), ...(made.scope !== undefined ? { scope: made.scope } : {}) });
  return { ...made, registered: true, reused: false };
}

/** The scopes to ask for: those wanted, less what a self-registered client was not granted. */
export function scopesToAsk(wanted: string, granted: string | undefined): string {
  const list = wanted.split(' ').filter(Boolean);
  if (granted === undefined) return list.join(' ');
  const allowed = new Set(granted.split(' ').filter(Boolean));
  return list.filter((s) => allowed.has(s)).join(' ');
}

/** Runs the whole sign-in and stores its result with the settings; throws what went wrong, in words. */
export async function signIn(request: OAuthSignInRequest, deps: SignInDeps = browserDeps()): Promise<void> {
  const checked = validateSignIn(request);
  if ('errors' in checked) throw new SettingsInvalidError(checked.errors);
  const { apiBase, userId, config } = checked.value;

  const as = await discover(config.issuer, deps.fetch);
  const redirectUri = deps.redirectUri();
  const client = await clientFor(as, config.clientId, redirectUri, config.scopes, deps);
  const scopes = scopesToAsk(config.scopes, client.scope);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  // The nonce ties the ID token to this sign-in (OpenID Connect Core §3.1.2.1).
  const nonce = scopes.split(' ').includes('openid') ? oauth.generateRandomNonce() : undefined;
  const url = authorizationUrl(as, { clientId: client.clientId, redirectUri, scopes, state, codeChallenge: await oauth.calculatePKCECodeChallenge(verifier), ...(nonce ? { nonce } : {}) });
  let tokens;
  try {
    const callback = callbackFromRedirect(as, await launch(deps, url), { state, redirectUri, clientId: client.clientId });
    tokens = await exchangeCode(as, { callback, verifier, clientId: client.clientId, redirectUri, ...(nonce ? { nonce } : {}) }, deps.fetch, deps.now());
  } catch (e) {
    // The server may no longer know a kept registration (an admin removed it): its sign-in page then
    // shows an error and the person closes the window, or the token endpoint says invalid_client.
    // Either way the next sign-in registers anew rather than failing the same way for ever.
    const stale = isOAuthError(e, 'cancelled') ? client.reused : isOAuthError(e, 'refused') && e.code === 'invalid_client';
    if (client.registered && stale) await forgetRegistration(as.issuer);
    throw e;
  }
  const account = accountName(tokens.claims) ?? accountName(await fetchUserinfo(as, client.clientId, tokens.accessToken, deps.fetch));

  // An OAuth token acts as its user: never a global token's act-as.
  await storeSignIn(
    { apiBase, tokenType: 'user', actAs: '', userId, authMethod: 'oauth', oauth: config },
    {
      issuer: as.issuer,
      clientId: client.clientId,
      tokenEndpoint: as.token_endpoint!,
      ...(as.revocation_endpoint ? { revocationEndpoint: as.revocation_endpoint } : {}),
      ...(as.id_token_signing_alg_values_supported ? { idTokenAlgs: [...as.id_token_signing_alg_values_supported] } : {}),
      ...(account ? { account } : {}),
    },
    tokens,
  );
}
