import { browser } from 'wxt/browser';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { CheckedSender, Handlers } from '../messaging/router';
import { queue } from './services';
import { takeShow } from './toast-offers';

/** Throws unless the job is in the queue and came from the sender's own tab. */
async function checkJobOfTab(jobId: string, sender: CheckedSender): Promise<void> {
  const job = (await queue.status()).jobs.find((j) => j.id === jobId);
  if (!job || job.source.tabId === undefined || job.source.tabId !== sender.tabId) throw new GleanError('invalid-input', t('bg_uploadNotFromPage'));
}

/** The toast's buttons: retry a job of this tab, or show an upload its toast offered, once. */
export const toastHandlers: Handlers = {
  'toast.retry': async ({ jobId }, sender) => {
    await checkJobOfTab(jobId, sender);
    await queue.retry(jobId);
    return null;
  },
  'toast.show': async ({ jobId }, sender) => {
    // Finished jobs leave the queue for the history, so the toast's own offer is what is checked.
    if (!takeShow(sender.tabId, jobId)) throw new GleanError('invalid-input', t('bg_toastShowRefused'));
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?view=history&highlight=${encodeURIComponent(jobId)}`) });
    return null;
  },
};
