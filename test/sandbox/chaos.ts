/**
 * Chaos: random faults for soak tests, reproducible from a seed. Each API request (preflights and
 * control requests aside) that no explicit knob (knobs.ts) has claimed draws one number from a
 * seeded generator and, by the probabilities set, answers 500, answers 429 with Retry-After, cuts
 * the connection before anything is stored, or cuts it after storing: the endpoint runs (an upload
 * is kept), its answer is thrown away and the socket destroyed, so the client cannot know.
 * The same seed gives the same sequence of draws; which request gets which draw follows the order
 * in which requests arrive.
 *   GET  /__sandbox/chaos   {settings, stats}
 *   POST /__sandbox/chaos   merge a JSON patch of settings (restarts the sequence and the stats)
 */
export interface ChaosSettings {
  seed: number;
  /** Probability of a 500. */
  error: number;
  /** Probability of a 429 carrying `Retry-After: retryAfter`. */
  rateLimit: number;
  retryAfter: string;
  /** Probability of a cut before the endpoint runs (nothing stored). */
  cutBefore: number;
  /** Probability of a cut after the endpoint ran (an upload stored, its answer lost). */
  cutAfter: number;
  /** Which requests draw: uploads only, or every API request. */
  scope: 'uploads' | 'all';
}

/** What chaos did so far: draws, and faults by kind. */
export interface ChaosStats {
  draws: number;
  error: number;
  rateLimit: number;
  cutBefore: number;
  cutAfter: number;
  /** Cuts after an endpoint that answered 200: Glean holds the upload, the client never heard. */
  cutAfterStored: number;
}

export type ChaosFault = 'serverError' | 'rateLimit' | 'drop' | 'cutAfter';

const PROBABILITIES = ['error', 'rateLimit', 'cutBefore', 'cutAfter'] as const;

export function defaultChaos(): ChaosSettings {
  return { seed: 1, error: 0, rateLimit: 0, retryAfter: '1', cutBefore: 0, cutAfter: 0, scope: 'all' };
}

const noStats = (): ChaosStats => ({ draws: 0, error: 0, rateLimit: 0, cutBefore: 0, cutAfter: 0, cutAfterStored: 0 });

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Chaos {
  settings: ChaosSettings = defaultChaos();
  stats: ChaosStats = noStats();
  private random = seededRandom(this.settings.seed);

  /** Validates all of a patch, then applies it and starts the sequence and the stats again. */
  configure(patch: unknown): void {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('chaos must be a JSON object');
    const next: ChaosSettings = { ...this.settings };
    for (const [key, value] of Object.entries(patch)) {
      if ((PROBABILITIES as readonly string[]).includes(key)) {
        if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${key} must be a probability between 0 and 1`);
        next[key as (typeof PROBABILITIES)[number]] = value;
      } else if (key === 'seed') {
        if (!Number.isInteger(value)) throw new Error('seed must be an integer');
        next.seed = value as number;
      } else if (key === 'retryAfter') {
        if (typeof value !== 'string' || !value) throw new Error('retryAfter must be a non-empty string');
        next.retryAfter = value;
      } else if (key === 'scope') {
        if (value !== 'uploads' && value !== 'all') throw new Error('scope must be "uploads" or "all"');
        next.scope = value;
      } else {
        throw new Error(`unknown chaos setting "${key}"`);
      }
    }
    const total = PROBABILITIES.reduce((sum, k) => sum + next[k], 0);
    if (total > 1) throw new Error(`the probabilities add up to ${total}, more than 1`);
    this.settings = next;
    this.restart();
  }

  /** Back to no chaos. */
  reset(): void {
    this.settings = defaultChaos();
    this.restart();
  }

  private restart(): void {
    this.stats = noStats();
    this.random = seededRandom(this.settings.seed);
  }

  /** The fault for one request to `path`, if chaos picks one. */
  draw(path: string): ChaosFault | undefined {
    const s = this.settings;
    if (PROBABILITIES.every((k) => s[k] === 0)) return undefined;
    if (s.scope === 'uploads' && !path.endsWith('/uploadimage')) return undefined;
    this.stats.draws += 1;
    let r = this.random();
    for (const [kind, fault] of [['error', 'serverError'], ['rateLimit', 'rateLimit'], ['cutBefore', 'drop'], ['cutAfter', 'cutAfter']] as const) {
      if (r < s[kind]) {
        this.stats[kind] += 1;
        return fault;
      }
      r -= s[kind];
    }
    return undefined;
  }
}
