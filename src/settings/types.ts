/** How the extension authenticates to Glean with a pasted token. */
export type TokenType = 'user' | 'global';

/** Settings the user chooses; none of them is secret. The token is stored apart (src/db/secrets). */
export interface Settings {
  /** What the user typed for "Glean backend", normalised to the API base URL ('' when unset). */
  apiBase: string;
  tokenType: TokenType;
  /** "Act as (e-mail)": sent as X-Scio-Actas, only with a global token. */
  actAs: string;
  /** "Your user ID", for your own profile picture. */
  userId: string;
}

/** What extension pages may read: the settings plus whether a token is stored, never the token. */
export interface PublicSettings extends Settings {
  hasToken: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  apiBase: '',
  tokenType: 'user',
  actAs: '',
  userId: '',
};
