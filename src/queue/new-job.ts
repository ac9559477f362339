/** A job as it is first stored: what the prepared upload and its hand-over say, nothing tried yet. */
import type { EnqueueInput } from './queue-deps';
import type { Job, JobState } from './types';

export function newJob(input: EnqueueInput, given: { id: string; state: JobState; fingerprint: string; now: number }): Job {
  const { prepared } = input;
  return {
    id: given.id,
    state: given.state,
    mime: prepared.mime,
    size: prepared.bytes.size,
    width: prepared.width,
    height: prepared.height,
    metadata: input.metadata,
    ...(input.actAs ? { actAs: input.actAs } : {}),
    fingerprint: given.fingerprint,
    source: input.source,
    attempts: 0,
    notBefore: 0,
    resent: false,
    notes: prepared.notes,
    createdAt: given.now,
    updatedAt: given.now,
  };
}
