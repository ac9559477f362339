/**
 * The queue's jobs as the queue sees them: IndexedDB (src/db/jobs.ts) behind a mirror in memory,
 * so state changes and counts never re-read the database, and a handle to the stored bytes of each
 * job accepted since this start (read back once, right behind its write), so sending needs no
 * lookup.
 */
import { addJob, deleteJob, deleteJobBytes, deleteJobRecord, dropOrphanBytes, getJobBytes, listJobs, putJob } from '../db/jobs';
import type { PreparedImage } from '../images/types';
import type { Job } from './types';

export class JobStore {
  private mirror: Promise<Map<string, Job>> | null = null;
  private readonly held = new Map<string, Promise<Blob | undefined>>();
  /** Jobs filed into history whose bytes are still in the database. */
  private readonly untidy = new Set<string>();

  /** Every job by id, read from the database once. */
  all(): Promise<Map<string, Job>> {
    this.mirror ??= listJobs().then((list) => new Map(list.map((j) => [j.id, j])));
    return this.mirror;
  }

  /** Every job, oldest first. */
  async list(): Promise<Job[]> {
    return [...(await this.all()).values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  async get(id: string): Promise<Job | undefined> {
    return (await this.all()).get(id);
  }

  /**
   * Stores a new job with its bytes (one transaction), then keeps both at hand. The bytes held are
   * the database's copy (a handle to it, read back right after the write commits), so sending them
   * never depends on the file they came from.
   */
  async add(job: Job, { bytes, inMemory }: Pick<PreparedImage, 'bytes' | 'inMemory'>): Promise<void> {
    const { readBack } = await addJob(job, bytes).catch((e: unknown) => {
      // `bytes` can be a view of the chosen file, unreadable once changed on disk; the bytes
      // checked are still in memory.
      if (!inMemory) throw e;
      return addJob(job, (bytes = inMemory()));
    });
    (await this.all()).set(job.id, job);
    // Nothing read back (it was cancelled meanwhile, or the read failed): what was stored is all there is.
    this.held.set(job.id, readBack.then((stored) => stored ?? bytes));
  }

  /**
   * Records a job's new state: in the mirror first (the pump reads it, and must never see a job
   * being sent as still queued), then in the database.
   */
  async write(job: Job): Promise<void> {
    (await this.all()).set(job.id, job);
    await putJob(job);
  }

  /**
   * Notes a job's new state in memory alone: an answered job is recorded by its history entry
   * (see UploadQueue.run), and until it is filed the queue must see it done.
   */
  async note(job: Job): Promise<void> {
    (await this.all()).set(job.id, job);
  }

  /** A job's bytes: held since it was accepted, or read back after a restart. */
  bytes(id: string): Promise<Blob | undefined> {
    return this.held.get(id) ?? getJobBytes(id);
  }

  /** Removes a job and its bytes (it was cancelled). */
  async remove(id: string): Promise<void> {
    await deleteJob(id);
    await this.forget(id);
  }

  /**
   * Removes a job filed into history: from memory and (not waited for: it may queue behind other
   * jobs' byte writes) its record now, its bytes at `tidy`. The record cannot wait like the bytes:
   * kept, it could outlive its history entry (the history cap drops the oldest) and a restart would
   * then send the upload again. Leftover bytes go at the next start anyway.
   */
  async filed(id: string): Promise<void> {
    await this.forget(id);
    void deleteJobRecord(id).catch(() => undefined);
    this.untidy.add(id);
  }

  /** Deletes the bytes of the jobs filed since the last call, together. */
  async tidy(): Promise<void> {
    const ids = [...this.untidy];
    this.untidy.clear();
    await Promise.all(ids.map((id) => deleteJobBytes(id))).catch(() => undefined);
  }

  /** Drops bytes a stop left without their job (see dropOrphanBytes). */
  dropOrphans(): Promise<void> {
    return dropOrphanBytes().catch(() => undefined);
  }

  private async forget(id: string): Promise<void> {
    (await this.all()).delete(id);
    this.held.delete(id);
  }
}
