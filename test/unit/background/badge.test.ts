import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const counts = (queued: number, failed = 0) => ({ queued, uploading: 0, failed, paused: 0 });

// What the badge shows is remembered by the module: each test starts from a fresh one.
async function freshBadge() {
  vi.resetModules();
  return (await import('../../../src/background/badge')).showQueueOnBadge;
}

beforeEach(() => fakeBrowser.reset());

describe('showQueueOnBadge', () => {
  it('shows the pending count, "!" for failures alone, and asks the browser only when that changes', async () => {
    const showQueueOnBadge = await freshBadge();
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
    await showQueueOnBadge(counts(3));
    await showQueueOnBadge(counts(3));
    await showQueueOnBadge(counts(2));
    await showQueueOnBadge(counts(0, 1));
    await showQueueOnBadge(counts(0, 1));
    expect(setText.mock.calls.map(([d]) => d.text)).toEqual(['3', '2', '!']);
  });

  it('sets the colour only when it changes: blue while pending, red for failures alone', async () => {
    const showQueueOnBadge = await freshBadge();
    const setColor = vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor');
    for (const n of [5, 4, 3, 2, 1]) await showQueueOnBadge(counts(n));
    await showQueueOnBadge(counts(0, 1));
    await showQueueOnBadge(counts(1, 1));
    expect(setColor.mock.calls.map(([d]) => d.color)).toEqual(['#2251d1', '#b3261e', '#2251d1']);
  });

  it('sets again what the browser refused to set', async () => {
    const showQueueOnBadge = await freshBadge();
    const setText = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockRejectedValueOnce(new Error('no'));
    await expect(showQueueOnBadge(counts(2))).rejects.toThrow('no');
    await showQueueOnBadge(counts(2));
    expect(setText.mock.calls.map(([d]) => d.text)).toEqual(['2', '2']);
  });
});
