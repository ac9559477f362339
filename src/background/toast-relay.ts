/**
 * Keeps the toast in the tab a right-click upload came from in step with its job. Where nothing
 * can be shown (browser pages, the PDF viewer, store pages) the message is simply not delivered:
 * the badge and the popup's history carry the result there.
 */
import { browser } from 'wxt/browser';
import type { ToastState } from '../content/page-tools-protocol';
import { altFor, formatCopy } from '../history/copy-formats';
import { sentAgainNote } from '../history/sent-again';
import { t } from '../i18n/t';
import type { QueueEvent } from '../messaging/protocol';
import type { JobSummary } from '../queue/types';
import { offerShow } from './toast-offers';

/** What the toast shows for a job's state, or null when nothing changes for the person. */
export function toastForJob(job: JobSummary): ToastState | null {
  switch (job.state) {
    case 'queued':
      return { kind: 'progress', text: job.attempts ? t('toast_retrying') : t('toast_uploading') };
    case 'uploading':
      return { kind: 'progress', text: t('toast_uploading') };
    case 'paused':
      return { kind: 'progress', text: job.error ? t('toast_waiting', job.error.message) : t('toast_waitingPaused') };
    case 'failed':
      return { kind: 'failed', jobId: job.id, message: job.error?.message ?? t('toast_failedNoReason') };
    case 'cancelled':
      return { kind: 'info', message: t('common_cancelled') };
    case 'done': {
      if (!job.result) return null;
      const source = { key: job.result.key ?? '', url: job.result.url, alt: altFor({ metadata: job.metadata, ...(job.source.fileName ? { fileName: job.source.fileName } : {}) }) };
      const note = job.resent ? { note: sentAgainNote(job.metadata.type) } : {};
      return { kind: 'done', jobId: job.id, title: t('toast_uploaded'), key: source.key, url: source.url, markdown: formatCopy('markdown', source), ...note };
    }
  }
}

/** Shows a toast in a tab's top frame; false when the page cannot show one. */
export function sendToast(tabId: number, toast: ToastState): Promise<boolean> {
  if (toast.kind === 'done') offerShow(tabId, toast.jobId);
  return browser.tabs.sendMessage(tabId, { tool: 'toast', toast }, { frameId: 0 }).then(
    () => true,
    () => false,
  );
}

/** Where no toast can be shown, the tab's own badge says how the upload ended. */
export async function markTab(tabId: number, toast: ToastState): Promise<void> {
  if (toast.kind !== 'done' && toast.kind !== 'failed') return;
  await browser.action.setBadgeText({ tabId, text: toast.kind === 'done' ? '✓' : '!' }).catch(() => undefined);
  await browser.action.setTitle({ tabId, title: toast.kind === 'done' ? t('toast_badgeUploaded', toast.key) : t('toast_badgeFailed', toast.message) }).catch(() => undefined);
}

/** Forwards a queue change to the toast of the tab the job came from. */
export function relayToToast(event: QueueEvent): void {
  const tabId = event.job.source.tabId;
  const toast = tabId === undefined ? null : toastForJob(event.job);
  if (tabId === undefined || !toast) return;
  void sendToast(tabId, toast).then((shown) => (shown ? undefined : markTab(tabId, toast)));
}
