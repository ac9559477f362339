/** A queue wired to fakes: a manual clock and timers, a scripted uploader, recorded events. */
import { createHash } from 'node:crypto';
import { resetDb } from '../db/reset-db';
import { GleanError } from '../../../src/glean/errors';
import type { UploadResult } from '../../../src/glean/types';
import type { PreparedImage } from '../../../src/images/types';
import type { QueueEvent } from '../../../src/messaging/protocol';
import { RateGate } from '../../../src/queue/rate-gate';
import type { Job } from '../../../src/queue/types';
import { UploadQueue } from '../../../src/queue/upload-queue';
import { DEFAULT_UPLOAD_PREFERENCES, type UploadPreferences } from '../../../src/settings/upload-preferences';

type Outcome = UploadResult | GleanError | 'hang';

/**
 * Deletes the database so every test starts empty; rejects when it cannot (a failed delete), and
 * waits out a blocked one (openDb's connection gives way on versionchange, then success follows).
 */
export const freshDb = resetDb;

/** Lets pending promise chains (IndexedDB included) settle. */
export async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Prepared bytes of `text`, with their real SHA-256 as the image checks would give it. */
export function prepared(text: string, mime = 'image/png'): PreparedImage {
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { bytes: new Blob([text], { type: mime }), mime, width: 10, height: 10, notes: [], sha256 };
}

export function makeHarness(prefs: Partial<UploadPreferences> = {}) {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  const outcomes: Outcome[] = [];
  const calls: { job: Job; at: number }[] = [];
  const uploadedBytes: string[] = [];
  const sentBlobs: Blob[] = [];
  const events: QueueEvent[] = [];
  const wakes: (number | null)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const hanging: { resolve: (r: UploadResult) => void; reject: (e: unknown) => void }[] = [];
  const gate = new RateGate(() => now);

  const queue = new UploadQueue({
    gate,
    preferences: async () => ({ ...DEFAULT_UPLOAD_PREFERENCES, ...prefs }),
    thumbnail: async () => new Blob(['thumb'], { type: 'image/png' }),
    notify: (e) => events.push(e),
    scheduleWake: (at) => wakes.push(at),
    now: () => now,
    random: () => 0.5,
    setTimer: (fn, ms) => {
      const id = ++nextId;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    newId: () => `job-${++nextId}`,
    async upload(job, bytes, signal) {
      sentBlobs.push(bytes);
      uploadedBytes.push(await bytes.text());
      calls.push({ job, at: now });
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        const outcome = outcomes.shift() ?? { url: `http://glean/images?key=k-${job.id}`, key: `k-${job.id}` };
        if (outcome === 'hang') {
          return await new Promise<UploadResult>((resolve, reject) => {
            hanging.push({ resolve, reject });
            signal.addEventListener('abort', () => reject(new GleanError('aborted', 'Cancelled.')));
          });
        }
        if (outcome instanceof GleanError) throw outcome;
        return outcome;
      } finally {
        inFlight -= 1;
      }
    },
  });

  return {
    queue,
    gate,
    calls,
    uploadedBytes,
    /** The Blob each upload was given (the one held, or one read back from the database). */
    sentBlobs,
    events,
    wakes,
    hanging,
    /** Queues what the next uploads answer, in order; later ones succeed. */
    script: (...o: Outcome[]) => outcomes.push(...o),
    maxInFlight: () => maxInFlight,
    now: () => now,
    /** Moves the clock and runs the timers that fall due. */
    async advance(ms: number) {
      now += ms;
      for (const t of timers.filter((t) => t.at <= now)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
      await settle();
    },
  };
}
