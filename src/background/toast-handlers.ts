import { browser } from 'wxt/browser';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { CheckedSender, Handlers } from '../messaging/router';
import type { JobSummary } from '../queue/types';
import { queue } from './services';

// Jobs whose "Show" was used: the toast asks once, so a second ask is not the person's. In memory:
// after the background restarts the toast's own once-only button still holds.
const shown = new Set<string>();

/** The job, if it came from the sender's own tab: a page may act only on its own uploads. */
async function jobOfTab(jobId: string, sender: CheckedSender): Promise<JobSummary> {
  const job = (await queue.status()).jobs.find((j) => j.id === jobId);
  if (!job || job.source.tabId === undefined || job.source.tabId !== sender.tabId) throw new GleanError('invalid-input', t('bg_uploadNotFromPage'));
  return job;
}

/** The toast's buttons: retry a job of this tab, or show it in the extension's history, once. */
export const toastHandlers: Handlers = {
  'toast.retry': async ({ jobId }, sender) => {
    await jobOfTab(jobId, sender);
    await queue.retry(jobId);
    return null;
  },
  'toast.show': async ({ jobId }, sender) => {
    const job = await jobOfTab(jobId, sender);
    if (job.state !== 'done' || shown.has(jobId)) throw new GleanError('invalid-input', t('bg_toastShowUsed'));
    shown.add(jobId);
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?view=history&highlight=${encodeURIComponent(jobId)}`) });
    return null;
  },
};
