/**
 * One shared pause for every request to Glean after a 429: rate limits are per token, so the
 * queue, lookups and page resolution all wait until Retry-After has passed. The moment is kept in
 * IndexedDB so a restarted background still honours it.
 */
import { getRecord, setRecord } from '../db/records';
import { GleanError } from '../glean/errors';
import { tCount } from '../i18n/t';

/** The longest pause a Retry-After may impose: a server's "come back next week" is not obeyed. */
export const MAX_PAUSE_SECONDS = 3600;

export class RateGate {
  private until = 0;
  private loaded: Promise<void> | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    /** Where the moment is kept; each gate its own. */
    private readonly name = 'rateLimitedUntil',
  ) {}

  /** Loads the stored moment once. */
  load(): Promise<void> {
    this.loaded ??= getRecord<number>(this.name).then((v) => {
      // A moment stored before the cap (or by a clock far ahead) is held to it too.
      this.until = Math.max(this.until, Math.min(v ?? 0, this.now() + MAX_PAUSE_SECONDS * 1000));
    });
    return this.loaded;
  }

  /** Epoch ms until which nothing may be sent (0 when open). */
  async blockedUntil(): Promise<number> {
    await this.load();
    return this.until > this.now() ? this.until : 0;
  }

  /** Throws a rate-limited GleanError while the gate is closed. */
  async check(): Promise<void> {
    const until = await this.blockedUntil();
    if (until) {
      const seconds = Math.ceil((until - this.now()) / 1000);
      throw new GleanError('rate-limited', tCount('queue_rateLimited', seconds), { status: 429, retryAfterSeconds: seconds });
    }
  }

  /** Closes the gate for `seconds` from now, at most an hour (never shortening a longer pause). */
  async close(seconds: number): Promise<number> {
    await this.load();
    this.until = Math.max(this.until, this.now() + Math.min(MAX_PAUSE_SECONDS, Math.max(0, seconds)) * 1000);
    await setRecord(this.name, this.until);
    return this.until;
  }
}
