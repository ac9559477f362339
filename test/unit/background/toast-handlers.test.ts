/**
 * The toast's buttons as the background takes them: a content script may act only on uploads from
 * its own tab, and "Show" opens the history once per upload. Before, any tab could open a tab for
 * any job id, as often as it liked.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { toastHandlers } from '../../../src/background/toast-handlers';
import { queue } from '../../../src/background/services';
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
  it('opens the history for a finished upload of the same tab, once', async () => {
    await toastHandlers['toast.show']!({ jobId: 'again' }, fromTab(7));
    await expect(toastHandlers['toast.show']!({ jobId: 'again' }, fromTab(7))).rejects.toThrow(/already shown/);
    expect(created).toHaveLength(1);
    expect(created[0]).toContain('highlight=again');
  });

  it.each([
    ['another tab', 'theirs'],
    ['the popup (no tab)', 'popup'],
    ['an unknown id', 'nope'],
  ])('refuses an upload of %s', async (_what, jobId) => {
    await expect(toastHandlers['toast.show']!({ jobId }, fromTab(7))).rejects.toThrow(/not from this page/);
    expect(created).toEqual([]);
  });

  it('refuses an upload that has not finished', async () => {
    await expect(toastHandlers['toast.show']!({ jobId: 'busy' }, fromTab(7))).rejects.toThrow();
    expect(created).toEqual([]);
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
