/**
 * The upload queue's jobs: a job and its bytes are written before any network call, so nothing
 * accepted is lost; later state changes rewrite only the small record.
 */
import type { Job } from '../queue/types';
import { groupCommit } from './group-commit';
import { inTransaction, withStore } from './open';
import { STORES } from './schema';

/** The bytes of a burst's jobs, from one read transaction (undefined where gone or unreadable). */
function readJobBytes(ids: string[]): Promise<(Blob | undefined)[]> {
  return inTransaction([STORES.jobBytes], 'readonly', (store) => {
    const reads = ids.map((id) => store(STORES.jobBytes).get(id) as IDBRequest<Blob | undefined>);
    return () => reads.map((r) => r.result);
  });
}

/** A new job's stored copy of its bytes, read back once its write has committed. */
export interface StoredBytes {
  readBack: Promise<Blob | undefined>;
}

// Jobs come and change in bursts: writes close together share transactions. Each write's read-back
// is asked for at once, so it queues right behind that write; asked for after the commit, it waited
// behind the writes of every file that came meanwhile (the first uploads of a burst started 16-46
// ms late).
const storeNewJobs = groupCommit<{ job: Job; bytes: Blob }, StoredBytes>((items) => {
  const written = inTransaction([STORES.jobs, STORES.jobBytes], 'readwrite', (store) => {
    for (const { job, bytes } of items) {
      store(STORES.jobBytes).put(bytes, job.id);
      store(STORES.jobs).put(job);
    }
    return () => undefined;
  });
  const read = readJobBytes(items.map((i) => i.job.id)).catch(() => []);
  return written.then(() => items.map((_, i) => ({ readBack: read.then((blobs) => blobs[i]) })));
});

// Reads asked for together share a transaction too (a restart's jobs ask at once).
const readBytes = groupCommit<string, Blob | undefined>(readJobBytes);

// A job's record changes (a put) or goes (its id): one queue for both, so a record filed away is
// never written back by a put that was asked for before it.
const changeRecords = groupCommit<Job | string>((changes) =>
  inTransaction([STORES.jobs], 'readwrite', (store) => {
    for (const change of changes) {
      if (typeof change === 'string') store(STORES.jobs).delete(change);
      else store(STORES.jobs).put(change);
    }
    return () => undefined;
  }),
);

/**
 * Stores a new job, its record and its bytes in one transaction: one commit per job (or per burst
 * of jobs), and never a record without its bytes. The bytes are stored as the Blob they are
 * (browsers keep it as a file). Resolves at the commit, with the stored copy to come.
 */
export function addJob(job: Job, bytes: Blob): Promise<StoredBytes> {
  return storeNewJobs({ job, bytes });
}

/**
 * Removes bytes left without a job record (earlier versions stored the two one after the other,
 * and a stop in between left the bytes). One transaction reads both stores and deletes.
 */
export async function dropOrphanBytes(): Promise<void> {
  await inTransaction([STORES.jobs, STORES.jobBytes], 'readwrite', (store) => {
    const records = store(STORES.jobs).getAllKeys();
    const stored = store(STORES.jobBytes).getAllKeys();
    stored.onsuccess = () => {
      const known = new Set((records.result ?? []).map(String));
      for (const key of stored.result) if (!known.has(String(key))) store(STORES.jobBytes).delete(key);
    };
    return () => undefined;
  });
}

/** Replaces a job's record (its bytes stay as they are); writes close together share a transaction. */
export function putJob(job: Job): Promise<void> {
  return changeRecords(job);
}

/** One job, or undefined. */
export function getJob(id: string): Promise<Job | undefined> {
  return withStore<Job | undefined>(STORES.jobs, 'readonly', (s) => s.get(id));
}

/** A job's bytes, or undefined once it is gone; reads close together share a transaction. */
export function getJobBytes(id: string): Promise<Blob | undefined> {
  return readBytes(id);
}

/** Removes a job and its bytes (finished into history, or cancelled). */
export function deleteJob(id: string): Promise<void> {
  return inTransaction([STORES.jobs, STORES.jobBytes], 'readwrite', (store) => {
    store(STORES.jobs).delete(id);
    store(STORES.jobBytes).delete(id);
    return () => undefined;
  });
}

/**
 * Removes a job's record alone, after the record changes asked for before it (writes close
 * together share a transaction); its bytes go with `deleteJobBytes`, apart from this small write.
 */
export function deleteJobRecord(id: string): Promise<void> {
  return changeRecords(id);
}

const deleteBytes = groupCommit<string>((ids) =>
  inTransaction([STORES.jobBytes], 'readwrite', (store) => {
    for (const id of ids) store(STORES.jobBytes).delete(id);
    return () => undefined;
  }),
);

/** Removes a finished job's bytes (left over ones are dropped at the next start anyway). */
export function deleteJobBytes(id: string): Promise<void> {
  return deleteBytes(id);
}

/** Every unfinished job, oldest first. */
export async function listJobs(): Promise<Job[]> {
  const jobs = await withStore<Job[]>(STORES.jobs, 'readonly', (s) => s.getAll());
  return jobs.sort((a, b) => a.createdAt - b.createdAt);
}
