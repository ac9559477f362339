/**
 * "Sign in with OAuth": discovery, then the authorization code flow with PKCE (S256) and a checked
 * `state` in the browser's own sign-in window (identity.launchWebAuthFlow, Chrome and Firefox),
 * then the code exchanged at the token endpoint as a public client. Runs in the background only,
 * so the verifier, the code and the tokens never reach a page.
 */
import { browser } from 'wxt/browser';
import { storeSignIn } from '../db/oauth-session';
import { t } from '../i18n/t';
import { authorizationUrl, codeFromRedirect } from '../oauth/authorize';
import { validateSignIn, type OAuthSignInRequest } from '../oauth/config';
import { discover } from '../oauth/discovery';
import { OAuthError } from '../oauth/errors';
import { accountName, jwtClaims } from '../oauth/id-token';
import { challengeS256, createVerifier, randomUrlSafe } from '../oauth/pkce';
import { exchangeCode, fetchUserinfo, type TokenSet } from '../oauth/token-client';
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

async function accountOf(tokens: TokenSet, userinfoEndpoint: string | undefined, fetchImpl: typeof fetch): Promise<string | undefined> {
  const fromIdToken = accountName(jwtClaims(tokens.idToken));
  if (fromIdToken || !userinfoEndpoint) return fromIdToken;
  return accountName(await fetchUserinfo(userinfoEndpoint, tokens.accessToken, fetchImpl));
}

/** Runs the whole sign-in and stores its result with the settings; throws what went wrong, in words. */
export async function signIn(request: OAuthSignInRequest, deps: SignInDeps = browserDeps()): Promise<void> {
  const checked = validateSignIn(request);
  if ('errors' in checked) throw new SettingsInvalidError(checked.errors);
  const { apiBase, userId, config } = checked.value;

  const server = await discover(config.issuer, deps.fetch);
  const verifier = createVerifier();
  const state = randomUrlSafe(16);
  const redirectUri = deps.redirectUri();
  const url = authorizationUrl(server.authorizationEndpoint, {
    clientId: config.clientId,
    redirectUri,
    scopes: config.scopes,
    state,
    codeChallenge: await challengeS256(verifier),
  });
  const code = codeFromRedirect(await launch(deps, url), { state, redirectUri, issuer: server.issuer });
  const tokens = await exchangeCode(server.tokenEndpoint, { code, verifier, clientId: config.clientId, redirectUri }, deps.fetch, deps.now());
  const account = await accountOf(tokens, server.userinfoEndpoint, deps.fetch);

  // An OAuth token acts as its user: never a global token's act-as.
  await storeSignIn(
    { apiBase, tokenType: 'user', actAs: '', userId, authMethod: 'oauth', oauth: config },
    {
      issuer: server.issuer,
      clientId: config.clientId,
      tokenEndpoint: server.tokenEndpoint,
      ...(server.revocationEndpoint ? { revocationEndpoint: server.revocationEndpoint } : {}),
      ...(account ? { account } : {}),
    },
    tokens,
  );
}
