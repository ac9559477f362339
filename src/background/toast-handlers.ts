import { browser } from 'wxt/browser';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { Handlers } from '../messaging/router';
import { queue } from './services';

/** The toast's buttons: retry a job of this tab, or show it in the extension's history. */
export const toastHandlers: Handlers = {
  'toast.retry': async ({ jobId }, sender) => {
    const job = (await queue.status()).jobs.find((j) => j.id === jobId);
    // A page may only retry what was uploaded from its own tab.
    if (!job || job.source.tabId !== sender.tabId) throw new GleanError('invalid-input', t('bg_uploadNotFromPage'));
    await queue.retry(jobId);
    return null;
  },
  'toast.show': async ({ jobId }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?view=history&highlight=${encodeURIComponent(jobId)}`) });
    return null;
  },
};
