/** oauth.signIn and oauth.signOut, from extension pages: pages start them, never see a token. */
import type { Handlers } from '../messaging/router';
import { credentialsChanged } from './credentials';
import { heldSignIn, revokeSignIn, signOut } from './oauth-account';
import { signIn } from './oauth-sign-in';
import { checkSignIn } from './policy-locks';
import { validateSignIn } from '../oauth/config';
import { forgetHeldTokens } from './oauth-tokens';
import { publicSettings } from './settings-handlers';

export const oauthHandlers: Handlers = {
  'oauth.signIn': async (request) => {
    // Refused before any network step when it would change what the organisation locked.
    const checked = validateSignIn(request);
    if ('value' in checked) await checkSignIn(checked.value);
    const before = await heldSignIn();
    await signIn(request);
    forgetHeldTokens();
    // Ends a queue pause for sign-in and drops clients built for the old credentials.
    await credentialsChanged();
    // The replaced sign-in is of no more use; revoking it is a courtesy the answer need not wait
    // for, and skipped if the server handed the same tokens out again.
    const now = (await heldSignIn()).tokens;
    const old = before.tokens;
    if (old && old.accessToken !== now?.accessToken && old.refreshToken !== now?.refreshToken) void revokeSignIn(before).catch(() => undefined);
    return publicSettings();
  },
  'oauth.signOut': async () => {
    await signOut();
    await credentialsChanged();
    return publicSettings();
  },
};
