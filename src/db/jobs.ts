/** The upload queue's jobs: written before any network call, so nothing accepted is lost. */
import type { Job } from '../queue/types';
import { withStore } from './open';
import { STORES } from './schema';

/** Stores or replaces a job. */
export async function putJob(job: Job): Promise<void> {
  await withStore(STORES.jobs, 'readwrite', (s) => s.put(job));
}

/** One job, or undefined. */
export function getJob(id: string): Promise<Job | undefined> {
  return withStore<Job | undefined>(STORES.jobs, 'readonly', (s) => s.get(id));
}

/** Removes a job (finished into history, or cancelled). */
export async function deleteJob(id: string): Promise<void> {
  await withStore(STORES.jobs, 'readwrite', (s) => s.delete(id));
}

/** Every unfinished job, oldest first. */
export async function listJobs(): Promise<Job[]> {
  const jobs = await withStore<Job[]>(STORES.jobs, 'readonly', (s) => s.getAll());
  return jobs.sort((a, b) => a.createdAt - b.createdAt);
}
