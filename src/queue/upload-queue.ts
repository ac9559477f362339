/**
 * The persistent upload queue. Every accepted upload is a job in IndexedDB before any network
 * call; the queue sends a few at a time, retries what may pass (network, 5xx, 429) with capped
 * backoff and full jitter, pauses everything on 429 (until Retry-After) and on 401 (until the
 * token changes), and picks up where it was after the background or the browser restarts.
 */
import { addHistory, findHistoryByFingerprint, getHistory, putHistory } from '../db/history';
import { toErrorInfo } from '../glean/errors';
import type { UploadResult } from '../glean/types';
import { historyEntryFor } from '../history/entry';
import { untimed } from '../images/check-timings';
import { t } from '../i18n/t';
import type { EnqueueResult, QueueStatus } from '../messaging/protocol';
import type { UploadPreferences } from '../settings/upload-preferences';
import { decideAfterFailure } from './failure-policy';
import { fingerprint } from './fingerprint';
import { AuthPause } from './auth-pause';
import { JobStore } from './job-store';
import { newJob } from './new-job';
import { countJobs, doneJobOf, summarize, view } from './job-view';
import type { EnqueueInput, QueueDeps } from './queue-deps';
import type { Job, JobSummary, QueuePause } from './types';

const PENDING = new Set(['queued', 'uploading', 'paused']);

export class UploadQueue {
  private readonly running = new Map<string, AbortController>();
  /** Jobs answered by Glean whose "done" is being written (see `run`). */
  private readonly recording = new Set<string>();
  private readonly store = new JobStore();
  private readonly auth = new AuthPause();
  private previews: Promise<void> = Promise.resolve();
  private readonly quietWaiters: (() => void)[] = [];
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

  /**
   * After a (re)start: answers that had arrived are filed (their history entry is their record);
   * jobs cut off mid-upload (no answer recorded) go back in line, marked as sent again.
   */
  async start(): Promise<void> {
    await this.store.dropOrphans();
    for (const job of await this.store.list()) {
      const entry = await getHistory(job.id);
      if (entry) {
        await this.store.filed(job.id);
        this.emit(doneJobOf(entry));
      } else if (job.state === 'done' && job.result) {
        // Recorded as a "done" job by a version before history entries were the record.
        await this.finish(job, await this.store.bytes(job.id), job.result, await this.deps.preferences());
      } else if (job.state === 'uploading' && !this.running.has(job.id)) {
        await this.save({ ...job, state: 'queued', resent: true });
      }
    }
    await this.store.tidy();
    await this.pump();
  }

  /**
   * What became of a hand-over the page sends again (its answer was lost when the background
   * stopped): its job if still in line, or done if it finished; undefined if it never arrived.
   */
  async handedOver(id: string): Promise<EnqueueResult | undefined> {
    const job = await this.store.get(id);
    if (job) return { status: 'queued', job: view(job, await this.pause()) };
    const entry = await getHistory(id);
    return entry ? { status: 'queued', job: doneJobOf(entry) } : undefined;
  }

  /** Accepts an upload: stored first, then sent when a slot is free. */
  async enqueue(input: EnqueueInput): Promise<EnqueueResult> {
    const print = fingerprint(input.prepared.sha256, input.metadata, input.actAs);
    // Both reads at once: under a burst each waits behind other files' writes.
    const [known, earlier] = await Promise.all([
      input.id ? this.handedOver(input.id) : undefined,
      input.insist ? undefined : findHistoryByFingerprint(print),
    ]);
    if (known) return known;
    if (!input.insist) {
      if (earlier) return { status: 'duplicate', earlier };
      const active = (await this.store.list()).find((j) => j.fingerprint === print && PENDING.has(j.state));
      if (active) return { status: 'queued', job: summarize(active) };
    }
    const job = newJob(input, { id: input.id ?? this.newId(), state: (await this.pause()) ? 'paused' : 'queued', fingerprint: print, now: this.now() });
    await (input.clock ?? untimed).async('store', () => this.store.add(job, input.prepared));
    this.emit(job);
    void this.pump();
    return { status: 'queued', job: summarize(job) };
  }

  /** The whole queue for the popup. */
  async status(): Promise<QueueStatus> {
    const pause = await this.pause();
    const jobs = (await this.store.list()).map((j) => view(j, pause));
    return { jobs, counts: countJobs(jobs), pause };
  }

  /** Sends a failed (or paused) job again from its first attempt. */
  async retry(id: string): Promise<JobSummary> {
    const job = await this.requireJob(id);
    if (job.state === 'uploading' || job.state === 'done') return summarize(job);
    const { error: _error, ...rest } = job;
    const next: Job = { ...rest, state: (await this.pause()) ? 'paused' : 'queued', attempts: 0, notBefore: 0 };
    await this.save(next);
    void this.pump();
    return summarize(next);
  }

  /** Removes a job, stopping it if it is being sent. */
  async cancel(id: string): Promise<void> {
    const job = await this.requireJob(id);
    // Glean has it already: its answer is on its way into history.
    if (job.state === 'done') return;
    await this.store.remove(id);
    this.running.get(id)?.abort();
    const { error: _error, ...cancelled } = job;
    this.emit({ ...cancelled, state: 'cancelled' });
  }

  /** The token changed: a queue paused for 401 resumes. */
  async credentialsChanged(): Promise<void> {
    if (!(await this.auth.message())) return;
    await this.auth.set(undefined);
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
    const jobs = await this.store.list();
    const now = this.now();
    let wakeAt: number | null = pause?.reason === 'rate-limited' ? pause.until : null;
    if (!pause) {
      const prefs = await this.deps.preferences();
      // A job stored as paused waited for the whole queue; with the pause over it is simply next.
      const ready = jobs.filter((j) => (j.state === 'queued' || j.state === 'paused') && !this.running.has(j.id) && j.notBefore <= now);
      for (const job of ready.slice(0, Math.max(0, prefs.concurrency - this.running.size))) void this.run(job, prefs).catch((e: unknown) => this.unrecorded(job.id, e));
      const waiting = jobs.filter((j) => j.state === 'queued' && j.notBefore > now).map((j) => j.notBefore);
      if (waiting.length) wakeAt = Math.min(...waiting);
    }
    this.wakeAt(wakeAt);
    const pending = jobs.some((j) => PENDING.has(j.state));
    this.deps.scheduleWake(pending ? (wakeAt ?? now + 60_000) : null);
    // Answers being recorded count too: a preview started now would hold the thread their records need.
    const busy = this.running.size > 0 || this.recording.size > 0 || jobs.some((j) => j.state === 'queued' && j.notBefore <= now && !pause);
    if (!busy) for (const resolve of this.quietWaiters.splice(0)) resolve();
  }

  /** Resolves when nothing is being sent or ready to be sent: the moment for work that can wait. */
  private quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.quietWaiters.push(resolve);
      void this.pump();
    });
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
    const current: Job = { ...job, state: 'uploading', attempts: job.attempts + 1 };
    // The slot is for the network request: freed as soon as it has an answer, so the next upload
    // starts while this one's bookkeeping is written.
    const release = () => {
      if (this.running.delete(job.id)) void this.pump();
    };
    // "Uploading" is recorded while the request goes out rather than before: under a burst, small
    // writes wait behind other jobs' large byte writes. The job and its bytes are already stored,
    // so a background stopped now still sends it again on restart (only the "sent again" mark can
    // be missing, if it stopped within these few milliseconds).
    const recorded = this.save(current);
    let bytes: Blob | undefined;
    let result: UploadResult;
    try {
      await this.deps.gate.check();
      bytes = await this.store.bytes(job.id);
      if (!bytes) throw new Error(t('queue_bytesMissing'));
      result = await this.deps.upload(current, bytes, controller.signal);
    } catch (e) {
      release();
      await recorded.catch(() => undefined);
      // A cancelled job is gone from the store: nothing more to record.
      if (!(await this.store.get(job.id))) return;
      await this.save(await this.failed(current, e, prefs));
      void this.pump();
      return;
    }
    // Glean's answer is final: its history entry, which records it, is written before anything
    // else, to the history store alone (so it never waits behind new jobs' byte writes). A
    // background stopped the next moment finds the entry and files the job instead of sending it
    // again; stopped before that write has committed, it sends it again. So that the next upload
    // need not wait for that write, the slot is freed at once while at most `concurrency` answers
    // await theirs; past that, an answer keeps its slot until it is written. A stop can thus send
    // again at most twice `concurrency` uploads: those in flight and those whose answer is being
    // written.
    void recorded.catch(() => undefined);
    const { error: _error, ...answered } = current;
    const done: Job = { ...answered, state: 'done', result };
    await this.store.note(done);
    this.recording.add(job.id);
    if (this.recording.size <= prefs.concurrency) release();
    try {
      await this.finish(done, bytes, result, prefs);
    } finally {
      this.recording.delete(job.id);
      release();
    }
    // Once more with this job gone: the wake-up alarm is dropped when nothing is pending.
    void this.pump();
  }

  /**
   * A write of a job's bookkeeping failed (IndexedDB refused it: a full disk, a closing database),
   * so `run` ended early. The job must not read "uploading" with nobody sending it: it shows as
   * failed with the reason, to retry, and its slot goes to the next job.
   */
  private async unrecorded(id: string, e: unknown): Promise<void> {
    try {
      const jobs = await this.store.all();
      const job = jobs.get(id);
      if (job?.state === 'uploading') {
        const failed: Job = { ...job, state: 'failed', error: toErrorInfo(e), updatedAt: this.now() };
        jobs.set(id, failed);
        this.emit(failed);
      }
    } finally {
      this.running.delete(id);
      void this.pump();
    }
  }

  private async finish(job: Job, bytes: Blob | undefined, result: UploadResult, prefs: UploadPreferences): Promise<void> {
    const entry = historyEntryFor(job, result, this.now());
    // The job goes only once its history entry is in: a stop in between finds the entry (same id)
    // and files the job then.
    await addHistory(entry, prefs.historyCap);
    await this.store.filed(job.id);
    const { error: _error, ...done } = job;
    this.emit({ ...done, state: 'done', result, updatedAt: this.now() });
    // What can wait, waits until no upload is being sent or waits to be, one job at a time: the
    // preview, a nicety never worth a failure (a decode costs tens of milliseconds of the CPU a
    // burst's checks need), and deleting the filed job's bytes.
    this.previews = this.previews.then(async () => {
      await this.quiet();
      const thumbnail = bytes && (await this.deps.thumbnail(bytes, job).catch(() => undefined));
      if (thumbnail) await putHistory({ ...entry, thumbnail }).catch(() => undefined);
      await this.store.tidy();
    });
  }

  /** Resolves once the previews of finished uploads are written and their jobs tidied away (tests wait on it). */
  previewsWritten(): Promise<void> {
    return this.previews;
  }

  /** Applies the failure policy to the job and, where it says so, to the whole queue. */
  private async failed(job: Job, e: unknown, prefs: UploadPreferences): Promise<Job> {
    const decision = decideAfterFailure(job, toErrorInfo(e), prefs.maxAttempts, this.now(), this.random);
    if (decision.rateLimitSeconds !== undefined) await this.deps.gate.close(decision.rateLimitSeconds);
    if (decision.authPause !== undefined) await this.auth.set(decision.authPause);
    return decision.job;
  }

  /** Why the whole queue waits, if it does. */
  private async pause(): Promise<QueuePause | null> {
    const auth = await this.auth.message();
    if (auth) return { reason: 'unauthorized', message: auth };
    const until = await this.deps.gate.blockedUntil();
    return until ? { reason: 'rate-limited', until } : null;
  }

  private async requireJob(id: string): Promise<Job> {
    const job = await this.store.get(id);
    if (!job) throw new Error(t('queue_jobGone'));
    return job;
  }

  /**
   * Records a job's new state. It is told as soon as the queue itself sees it, not once the
   * database has it: under a burst a record write can wait behind other files' bytes, and an
   * answer that came meanwhile must not be followed by a stale "uploading".
   */
  private async save(job: Job): Promise<void> {
    const saved = { ...job, updatedAt: this.now() };
    await this.store.note(saved);
    this.emit(saved);
    await this.store.write(saved);
  }

  private emit(job: JobSummary): void {
    void Promise.all([this.store.list(), this.pause()]).then(([jobs, pause]) =>
      this.deps.notify({ event: 'queue.changed', job: view(job, pause), counts: countJobs(jobs.map((j) => view(j, pause))), pause }),
    );
  }
}
