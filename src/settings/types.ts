import type { OAuthIssuer } from '../glean/types';

/** How the extension authenticates to Glean with a pasted token. */
export type TokenType = 'user' | 'global';

/** How the person signs in: an OAuth sign-in, or an API token pasted on the options page. */
export type AuthMethod = 'oauth' | 'token';

/** The OAuth client settings; none of them is secret. */
export interface OAuthConfig {
  /** The authorization server's issuer URL, without trailing slash. */
  issuer: string;
  clientId: string;
  /** Space-separated scopes. */
  scopes: string;
  /**
   * Glean's own authorization server or an external identity provider: decides whether requests
   * carry `X-Glean-Auth-Type: OAUTH`. Absent in settings saved before it was stored.
   */
  provider?: OAuthIssuer;
}

/** Settings the user chooses; none of them is secret. The token is stored apart (src/db/secrets). */
export interface Settings {
  /** What the user typed for "Glean backend", normalised to the API base URL ('' when unset). */
  apiBase: string;
  tokenType: TokenType;
  /** "Act as (e-mail)": sent as X-Glean-ActAs and X-Scio-Actas, only with a global token. */
  actAs: string;
  /** "Your user ID", for your own profile picture. */
  userId: string;
  /** Absent in settings saved before OAuth existed, and for tokens: 'token'. */
  authMethod?: AuthMethod;
  /** The last OAuth client settings used, kept while a token is in use so switching back is easy. */
  oauth?: OAuthConfig;
}

/** What extension pages may read: the settings plus whether a token is stored, never the token. */
export interface PublicSettings extends Settings {
  /** Whether a credential is held: the API token, or with OAuth the sign-in's tokens. */
  hasToken: boolean;
  /** Present with OAuth only: signed in now. */
  signedIn?: boolean;
  /** Present with OAuth only: the sign-in ended (renewal refused), so uploads wait for "Sign in again". */
  needsSignIn?: boolean;
  /** Who is signed in, by name or e-mail, when known. */
  account?: string;
}

export const DEFAULT_SETTINGS: Settings = {
  apiBase: '',
  tokenType: 'user',
  actAs: '',
  userId: '',
};
