/**
 * How long each step of checking and storing one upload took, kept as User Timing measures named
 * "glean:<step>" whose detail names the upload and its size. `npm run bench` reads them from the
 * background (they cost microseconds and need no message of their own); the browser's performance
 * panel shows them too.
 */
const PREFIX = 'glean:';
// Measures pile up in the worker's timeline for as long as it lives: drop them past this many.
const KEEP = 5000;
let recorded = 0;
let uploads = 0;

/** The steps measured, in the order one upload goes through them. */
export type CheckStep = 'sniff' | 'dimensions' | 'structure' | 'decode' | 'process' | 'hash' | 'store';

/** Times the steps of one upload. */
export interface CheckClock {
  sync<T>(step: CheckStep, fn: () => T): T;
  async<T>(step: CheckStep, fn: () => Promise<T>): Promise<T>;
}

/** A clock for one upload of `bytes` bytes. */
export function checkClock(bytes: number): CheckClock {
  const detail = { upload: ++uploads, bytes };
  const record = (step: CheckStep, start: number) => {
    performance.measure(PREFIX + step, { start, end: performance.now(), detail });
    if (++recorded >= KEEP) {
      recorded = 0;
      performance.clearMeasures();
    }
  };
  return {
    sync(step, fn) {
      const start = performance.now();
      try {
        return fn();
      } finally {
        record(step, start);
      }
    },
    async async(step, fn) {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        record(step, start);
      }
    },
  };
}

/** Runs steps untimed (tests, and callers that do not profile). */
export const untimed: CheckClock = { sync: (_step, fn) => fn(), async: (_step, fn) => fn() };
