/**
 * The toast's buttons as the background takes them: a content script may retry only uploads from
 * its own tab, and "Show" opens the history only for an upload its tab's toast offered, once.
 * Before, any tab could open a tab for any job id, as often as it liked.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toastHandlers } from '../../../src/background/toast-handlers';
import { queue } from '../../../src/background/services';
import { offerShow } from '../../../src/background/toast-offers';
import type { CheckedSender } from '../../../src/messaging/router';
import type { JobSummary } from '../../../src/queue/types';

const job = (id: string, tabId: number | undefined, state: JobSummary['state'] = 'done') =>
  ({ id, state, source: tabId === undefined ? {} : { tabId }, attempts: 0, metadata: { type: 'UGC' } }) as unknown as JobSummary;
const fromTab = (tabId: number): CheckedSender => ({ kind: 'content', tabId, frameId: 0, url: 'https://page.example/' });

let created: string[];
beforeEach(() => {
  fakeBrowser.reset();
  created = [];
  vi.spyOn(browser.tabs, 'create').mockImplementation(async (p) => {
    created.push(p.url ?? '');
    return { id: 99 } as never;
  });
  vi.spyOn(queue, 'status').mockResolvedValue({ jobs: [job('mine', 7), job('theirs', 9), job('popup', undefined), job('busy', 7, 'uploading'), job('again', 7), job('fail', 9, 'failed')] } as never);
});

describe('toast.show', () => {
  it('opens the history for an upload its tab was offered, once', async () => {
    offerShow(7, 'again');
    await toastHandlers['toast.show']!({ jobId: 'again' }, fromTab(7));
    await expect(toastHandlers['toast.show']!({ jobId: 'again' }, fromTab(7))).rejects.toThrow(/already shown/);
    expect(created).toHaveLength(1);
    expect(created[0]).toContain('highlight=again');
  });

  it('refuses an upload offered to another tab, and one never offered', async () => {
    offerShow(9, 'theirs');
    await expect(toastHandlers['toast.show']!({ jobId: 'theirs' }, fromTab(7))).rejects.toThrow(/not offered/);
    await expect(toastHandlers['toast.show']!({ jobId: 'mine' }, fromTab(7))).rejects.toThrow(/not offered/);
    expect(created).toEqual([]);
    // The refusal did not use up the other tab's offer.
    await toastHandlers['toast.show']!({ jobId: 'theirs' }, fromTab(9));
    expect(created).toHaveLength(1);
  });

  it('follows the newest toast: an offer moved to another tab is gone from the first', async () => {
    offerShow(7, 'moved');
    offerShow(8, 'moved');
    await expect(toastHandlers['toast.show']!({ jobId: 'moved' }, fromTab(7))).rejects.toThrow(/not offered/);
    await toastHandlers['toast.show']!({ jobId: 'moved' }, fromTab(8));
    expect(created).toHaveLength(1);
  });
});

describe('toast.retry', () => {
  it("refuses another tab's upload, and retries its own", async () => {
    const retry = vi.spyOn(queue, 'retry').mockResolvedValue(undefined as never);
    await expect(toastHandlers['toast.retry']!({ jobId: 'fail' }, fromTab(7))).rejects.toThrow(/not from this page/);
    expect(retry).not.toHaveBeenCalled();
    await toastHandlers['toast.retry']!({ jobId: 'fail' }, fromTab(9));
    expect(retry).toHaveBeenCalledWith('fail');
  });
});
