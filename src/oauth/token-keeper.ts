/**
 * Keeps the OAuth access token usable: renews it shortly before it expires, and once after Glean
 * refused it (401). Callers that need a renewal at the same time share one refresh request, which
 * matters when refresh tokens rotate: a second refresh with the old token would be refused.
 */
import { t } from '../i18n/t';
import { OAuthError } from './errors';
import type { TokenSet } from './token-client';

/** What the keeper needs: where the tokens live and how to renew them (tests pass fakes). */
export interface KeeperDeps {
  load(): Promise<TokenSet | undefined>;
  save(tokens: TokenSet): Promise<void>;
  refresh(refreshToken: string): Promise<TokenSet>;
  now?: () => number;
}

/** How long before expiry a token is renewed: a minute, or a third of a shorter lifetime. */
export function refreshMargin(tokens: TokenSet): number {
  if (tokens.expiresAt === undefined) return 0;
  return Math.min(60_000, Math.max(0, tokens.expiresAt - tokens.issuedAt) / 3);
}

/** Whether the access token should be renewed before use at `now`. */
export function needsRefresh(tokens: TokenSet, now: number): boolean {
  return tokens.expiresAt !== undefined && tokens.expiresAt - now <= refreshMargin(tokens);
}

/** Hands out access tokens, refreshing when needed; one instance per background. */
export class TokenKeeper {
  private held: Promise<TokenSet | undefined> | null = null;
  private refreshing: Promise<TokenSet> | null = null;
  /** Bumped by reset(), so a refresh that was under way cannot bring back tokens signed out of. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly deps: KeeperDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** An access token to send now. */
  async accessToken(): Promise<string> {
    const tokens = await this.current();
    if (!needsRefresh(tokens, this.now())) return tokens.accessToken;
    try {
      return (await this.refresh(tokens)).accessToken;
    } catch (e) {
      // The server is only unreachable and the old token still has a moment: use it.
      if (e instanceof OAuthError && e.kind === 'unavailable' && tokens.expiresAt! > this.now()) return tokens.accessToken;
      throw e;
    }
  }

  /** After Glean refused `rejected`: the newer token another call already got, or a refresh. */
  async afterUnauthorized(rejected: string): Promise<string> {
    const tokens = await this.current();
    if (tokens.accessToken !== rejected) return tokens.accessToken;
    return (await this.refresh(tokens)).accessToken;
  }

  /** Changes whenever reset() is called: lets the owner tell whether a failure is still current. */
  get epoch(): number {
    return this.generation;
  }

  /** Forgets the tokens held in memory (after a sign-in or a sign-out). */
  reset(): void {
    this.generation += 1;
    this.held = null;
    this.refreshing = null;
  }

  private async current(): Promise<TokenSet> {
    // A failed read is not remembered: the next call reads again.
    this.held ??= this.deps.load().catch((e: unknown) => {
      this.held = null;
      throw e;
    });
    const tokens = await this.held;
    if (!tokens) throw new OAuthError('signed-out', t('oauth_notSignedIn'));
    return tokens;
  }

  private refresh(tokens: TokenSet): Promise<TokenSet> {
    if (this.refreshing) return this.refreshing;
    const run = this.runRefresh(tokens);
    this.refreshing = run;
    const done = () => {
      if (this.refreshing === run) this.refreshing = null;
    };
    run.then(done, done);
    return run;
  }

  private async runRefresh(tokens: TokenSet): Promise<TokenSet> {
    if (!tokens.refreshToken) throw new OAuthError('refused', t('oauth_expiredNoRenew'));
    const generation = this.generation;
    const next = await this.deps.refresh(tokens.refreshToken);
    if (generation !== this.generation) throw new OAuthError('signed-out', t('oauth_signedOutDuringRenew'));
    await this.deps.save(next);
    this.held = Promise.resolve(next);
    return next;
  }
}
