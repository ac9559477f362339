/**
 * The persistent upload queue. Every accepted upload is a job in IndexedDB before any network
 * call; the queue sends a few at a time, retries what may pass (network, 5xx, 429) with capped
 * backoff and full jitter, pauses everything on 429 (until Retry-After) and on 401 (until the
 * token changes), and picks up where it was after the background or the browser restarts.
 */
import { deleteJob, getJob, listJobs, putJob } from '../db/jobs';
import { addHistory, findHistoryByFingerprint } from '../db/history';
import { getRecord, setRecord } from '../db/records';
import { toErrorInfo } from '../glean/errors';
import type { ImageMetadataFields, UploadResult } from '../glean/types';
import type { HistoryEntry } from '../history/types';
import type { PreparedImage } from '../images/types';
import type { EnqueueResult, QueueEvent, QueueStatus } from '../messaging/protocol';
import type { UploadPreferences } from '../settings/upload-preferences';
import { decideAfterFailure } from './failure-policy';
import { fingerprint } from './fingerprint';
import type { RateGate } from './rate-gate';
import type { Job, JobSource, JobSummary, QueueCounts, QueuePause } from './types';

const AUTH_PAUSE = 'authPause';

/** What the queue needs from the outside world; tests pass fakes. */
export interface QueueDeps {
  upload(job: Job, signal: AbortSignal): Promise<UploadResult>;
  preferences(): Promise<UploadPreferences>;
  thumbnail(bytes: Blob): Promise<Blob | undefined>;
  gate: RateGate;
  notify(event: QueueEvent): void;
  /** Asks to be woken at `at` (epoch ms) even if the background is stopped meanwhile; null: no need. */
  scheduleWake(at: number | null): void;
  now?: () => number;
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  newId?: () => string;
}

/** A new upload: prepared bytes and what to send with them. */
export interface EnqueueInput {
  prepared: PreparedImage;
  metadata: ImageMetadataFields;
  actAs?: string;
  source: JobSource;
  insist?: boolean;
}

/** Strips the bytes: what pages may see of a job. */
export function summarize(job: Job): JobSummary {
  const { bytes: _bytes, ...summary } = job;
  return summary;
}

const PENDING = new Set(['queued', 'uploading', 'paused']);

export class UploadQueue {
  private readonly running = new Map<string, AbortController>();
  private pumping: Promise<void> | null = null;
  private again = false;
  private timer: unknown = null;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly newId: () => string;

  constructor(private readonly deps: QueueDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    this.newId = deps.newId ?? (() => crypto.randomUUID());
  }

  /** After a (re)start: jobs cut off mid-upload go back in line, marked as sent again. */
  async start(): Promise<void> {
    for (const job of await listJobs()) {
      if (job.state === 'uploading' && !this.running.has(job.id)) {
        await this.save({ ...job, state: 'queued', resent: true });
      }
    }
    await this.pump();
  }

  /** Accepts an upload: stored first, then sent when a slot is free. */
  async enqueue(input: EnqueueInput): Promise<EnqueueResult> {
    const print = await fingerprint(input.prepared.bytes, input.metadata, input.actAs);
    if (!input.insist) {
      const earlier = await findHistoryByFingerprint(print);
      if (earlier) return { status: 'duplicate', earlier };
      const active = (await listJobs()).find((j) => j.fingerprint === print && PENDING.has(j.state));
      if (active) return { status: 'queued', job: summarize(active) };
    }
    const now = this.now();
    const { prepared } = input;
    const job: Job = {
      id: this.newId(),
      state: (await this.pause()) ? 'paused' : 'queued',
      bytes: prepared.bytes,
      mime: prepared.mime,
      size: prepared.bytes.size,
      width: prepared.width,
      height: prepared.height,
      metadata: input.metadata,
      ...(input.actAs ? { actAs: input.actAs } : {}),
      fingerprint: print,
      source: input.source,
      attempts: 0,
      notBefore: 0,
      resent: false,
      notes: prepared.notes,
      createdAt: now,
      updatedAt: now,
    };
    await this.save(job);
    void this.pump();
    return { status: 'queued', job: summarize(job) };
  }

  /** The whole queue for the popup. */
  async status(): Promise<QueueStatus> {
    const jobs = await listJobs();
    return { jobs: jobs.map(summarize), counts: countJobs(jobs), pause: await this.pause() };
  }

  /** Sends a failed (or paused) job again from its first attempt. */
  async retry(id: string): Promise<JobSummary> {
    const job = await this.requireJob(id);
    if (job.state === 'uploading') return summarize(job);
    const { error: _error, ...rest } = job;
    const next: Job = { ...rest, state: (await this.pause()) ? 'paused' : 'queued', attempts: 0, notBefore: 0 };
    await this.save(next);
    void this.pump();
    return summarize(next);
  }

  /** Removes a job, stopping it if it is being sent. */
  async cancel(id: string): Promise<void> {
    const job = await this.requireJob(id);
    await deleteJob(id);
    this.running.get(id)?.abort();
    this.emit({ ...summarize(job), state: 'failed', error: { kind: 'aborted', message: 'Cancelled.' } }, await listJobs());
  }

  /** The token changed: a queue paused for 401 resumes. */
  async credentialsChanged(): Promise<void> {
    if (!(await getRecord(AUTH_PAUSE))) return;
    await setRecord(AUTH_PAUSE, undefined);
    await this.unpauseJobs();
    await this.pump();
  }

  /** Starts what may start now; serialised so two callers never start the same job. */
  pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        await this.pumpOnce();
      } while (this.again);
    })().finally(() => {
      this.pumping = null;
    });
    return this.pumping;
  }

  private async pumpOnce(): Promise<void> {
    const pause = await this.pause();
    let jobs = await listJobs();
    if (!pause && jobs.some((j) => j.state === 'paused')) {
      await this.unpauseJobs();
      jobs = await listJobs();
    }
    const now = this.now();
    let wakeAt: number | null = pause?.reason === 'rate-limited' ? pause.until : null;
    if (!pause) {
      const prefs = await this.deps.preferences();
      const ready = jobs.filter((j) => j.state === 'queued' && !this.running.has(j.id) && j.notBefore <= now);
      for (const job of ready.slice(0, Math.max(0, prefs.concurrency - this.running.size))) void this.run(job, prefs);
      const waiting = jobs.filter((j) => j.state === 'queued' && j.notBefore > now).map((j) => j.notBefore);
      if (waiting.length) wakeAt = Math.min(...waiting);
    }
    this.wakeAt(wakeAt);
    const pending = jobs.some((j) => PENDING.has(j.state));
    this.deps.scheduleWake(pending ? (wakeAt ?? now + 60_000) : null);
  }

  private wakeAt(at: number | null): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = at === null ? null : this.setTimer(() => {
      this.timer = null;
      void this.pump();
    }, Math.max(0, at - this.now()));
  }

  private async run(job: Job, prefs: UploadPreferences): Promise<void> {
    const controller = new AbortController();
    this.running.set(job.id, controller);
    let current: Job = { ...job, state: 'uploading', attempts: job.attempts + 1 };
    try {
      await this.save(current);
      await this.deps.gate.check();
      const result = await this.deps.upload(current, controller.signal);
      await this.finish(current, result, prefs);
    } catch (e) {
      // A cancelled job is gone from the store: nothing more to record.
      if (!(await getJob(job.id))) return;
      current = await this.failed(current, e, prefs);
      await this.save(current);
    } finally {
      this.running.delete(job.id);
      void this.pump();
    }
  }

  private async finish(job: Job, result: UploadResult, prefs: UploadPreferences): Promise<void> {
    const key = result.key ?? '';
    const entry: HistoryEntry = {
      id: job.id,
      key,
      url: result.url,
      metadata: job.metadata,
      ...(result.metadata ? { serverMetadata: result.metadata } : {}),
      mime: job.mime,
      size: job.size,
      width: job.width,
      height: job.height,
      createdAt: this.now(),
      fingerprint: job.fingerprint,
      ...(job.source.pageUrl ? { pageUrl: job.source.pageUrl } : {}),
      ...(job.source.srcUrl ? { srcUrl: job.source.srcUrl } : {}),
      ...(job.source.fileName ? { fileName: job.source.fileName } : {}),
      ...(job.actAs ? { actAs: job.actAs } : {}),
    };
    const thumbnail = await this.deps.thumbnail(job.bytes).catch(() => undefined);
    await addHistory(thumbnail ? { ...entry, thumbnail } : entry, prefs.historyCap);
    await deleteJob(job.id);
    const { error: _error, ...done } = job;
    this.emit({ ...summarize(done as Job), state: 'done', result, updatedAt: this.now() }, await listJobs());
  }

  /** Applies the failure policy to the job and, where it says so, to the whole queue. */
  private async failed(job: Job, e: unknown, prefs: UploadPreferences): Promise<Job> {
    const decision = decideAfterFailure(job, toErrorInfo(e), prefs.maxAttempts, this.now(), this.random);
    if (decision.rateLimitSeconds !== undefined) await this.deps.gate.close(decision.rateLimitSeconds);
    if (decision.authPause !== undefined) await setRecord(AUTH_PAUSE, decision.authPause);
    if (decision.rateLimitSeconds !== undefined || decision.authPause !== undefined) await this.pauseJobs();
    return decision.job;
  }

  /** Why the whole queue waits, if it does. */
  private async pause(): Promise<QueuePause | null> {
    const auth = await getRecord<string>(AUTH_PAUSE);
    if (auth) return { reason: 'unauthorized', message: auth };
    const until = await this.deps.gate.blockedUntil();
    return until ? { reason: 'rate-limited', until } : null;
  }

  private async pauseJobs(): Promise<void> {
    for (const job of await listJobs()) if (job.state === 'queued') await this.save({ ...job, state: 'paused' });
  }

  private async unpauseJobs(): Promise<void> {
    for (const job of await listJobs()) if (job.state === 'paused') await this.save({ ...job, state: 'queued' });
  }

  private async requireJob(id: string): Promise<Job> {
    const job = await getJob(id);
    if (!job) throw new Error('That upload is no longer in the queue.');
    return job;
  }

  private async save(job: Job): Promise<void> {
    const saved = { ...job, updatedAt: this.now() };
    await putJob(saved);
    this.emit(summarize(saved), await listJobs());
  }

  private emit(job: JobSummary, jobs: Job[]): void {
    void this.pause().then((pause) => this.deps.notify({ event: 'queue.changed', job, counts: countJobs(jobs), pause }));
  }
}

/** Counts jobs by state for the badge and the popup. */
export function countJobs(jobs: Pick<Job, 'state'>[]): QueueCounts {
  const counts: QueueCounts = { queued: 0, uploading: 0, failed: 0, paused: 0 };
  for (const j of jobs) if (j.state in counts) counts[j.state as keyof QueueCounts] += 1;
  return counts;
}
