import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { showQueueOnBadge } from '../../../src/background/badge';

const counts = (queued: number, failed = 0) => ({ queued, uploading: 0, failed, paused: 0 });

beforeEach(() => fakeBrowser.reset());

describe('showQueueOnBadge', () => {
  it('shows the pending count, "!" for failures alone, and asks the browser only when that changes', async () => {
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    await showQueueOnBadge(counts(3));
    await showQueueOnBadge(counts(3));
    await showQueueOnBadge(counts(2));
    await showQueueOnBadge(counts(0, 1));
    await showQueueOnBadge(counts(0, 1));
    expect(setText.mock.calls.map(([d]) => d.text)).toEqual(['3', '2', '!']);
  });
});
