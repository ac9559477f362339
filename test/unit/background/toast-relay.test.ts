import { describe, expect, it } from 'vitest';
import { toastForJob } from '../../../src/background/toast-relay';
import type { JobSummary } from '../../../src/queue/types';

const job = (over: Partial<JobSummary>): JobSummary => ({
  id: 'j1', state: 'queued', mime: 'image/png', size: 1, width: 1, height: 1, metadata: { type: 'UGC' }, fingerprint: 'f',
  source: { srcUrl: 'https://page.example/a.png', tabId: 3 }, attempts: 0, notBefore: 0, resent: false, notes: [], createdAt: 0, updatedAt: 0, ...over,
});

describe('toastForJob', () => {
  it('says a cancelled upload was cancelled, without a Retry that would fail', () => {
    expect(toastForJob(job({ state: 'cancelled' }))).toEqual({ kind: 'info', message: 'Cancelled.' });
  });

  it('says why a failed upload failed, with its job for Retry', () => {
    expect(toastForJob(job({ state: 'failed', error: { kind: 'bad-request', message: 'Glean refused it.' } }))).toEqual({ kind: 'failed', jobId: 'j1', message: 'Glean refused it.' });
  });
});
