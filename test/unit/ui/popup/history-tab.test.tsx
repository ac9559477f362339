// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { QueueStatus } from '../../../../src/messaging/protocol';
import { HISTORY_RELOAD_DELAY_MS, HistoryTab } from '../../../../src/ui/popup/history-tab';
import { answer, broadcast, entry, fail, fakeClipboard, job, sent, type Handlers } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const EMPTY_QUEUE: QueueStatus = { jobs: [], counts: { queued: 0, uploading: 0, failed: 0, paused: 0 }, pause: null };

function setup(handlers: Handlers) {
  answer({ 'upload.status': () => EMPTY_QUEUE, ...handlers });
  return render(<HistoryTab />);
}

describe('History tab: recent uploads', () => {
  it('shows that it is loading, then that there is nothing yet', async () => {
    let release!: () => void;
    setup({ 'history.list': () => new Promise((r) => (release = () => r([]))) });
    expect(screen.getByText('Loading the history…')).toBeTruthy();
    await waitFor(() => expect(sent('history.list')).toEqual([{ limit: 100 }]));
    release();
    await screen.findByText('No uploads yet. What you upload shows up here.');
    expect((screen.getByRole('button', { name: 'Clear history' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('says in words when the history cannot be read', async () => {
    setup({ 'history.list': () => Promise.reject(fail('unknown', 'The database is blocked.')) });
    expect((await screen.findByRole('alert')).textContent).toBe('The history could not be read: The database is blocked.');
  });

  it('lists uploads with thumbnails from blob URLs, revoked when the tab goes away', async () => {
    const created = vi.spyOn(URL, 'createObjectURL');
    const revoked = vi.spyOn(URL, 'revokeObjectURL');
    const thumbnail = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/webp' });
    const view = setup({
      'history.list': () => [
        entry({ id: 'a', key: 'KA', fileName: 'first.png', thumbnail, metadata: { type: 'USER', id: 'alice' }, actAs: 'alice@example.com' }),
        entry({ id: 'b', key: 'KB', fileName: undefined, srcUrl: 'https://site.test/img/second.jpg', mime: 'image/jpeg' }),
      ],
    });
    const list = await screen.findByRole('list');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('first.png');
    expect(items[0]!.textContent).toContain('USER · alice');
    expect(items[0]!.textContent).toContain('PNG · 64 × 32 · 2.0 KB');
    expect(items[0]!.textContent).toContain('as alice@example.com');
    expect(items[1]!.textContent).toContain('second.jpg');
    await waitFor(() => expect(items[0]!.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/));
    const url = items[0]!.querySelector('img')!.getAttribute('src');
    expect(created).toHaveBeenCalledWith(thumbnail);
    expect(items[1]!.querySelector('img')).toBeNull(); // no thumbnail stored
    expect(revoked).not.toHaveBeenCalledWith(url);
    view.unmount();
    await waitFor(() => expect(revoked).toHaveBeenCalledWith(url)); // Preact 11 runs effect cleanups after unmount, not during
  });

  it('copies each format of an entry', async () => {
    const clip = fakeClipboard();
    setup({ 'history.list': () => [entry({ key: 'K<1>', url: 'https://g.test/images?key=K1&x=1', fileName: 'a "b".png' })] });
    const group = await screen.findByRole('group', { name: 'Copy a "b".png' });
    for (const name of ['Copy key', 'Copy URL', 'Copy Markdown', 'Copy HTML']) {
      fireEvent.click(within(group).getByRole('button', { name }));
      await waitFor(() => expect(clip.texts).toHaveLength(['Copy key', 'Copy URL', 'Copy Markdown', 'Copy HTML'].indexOf(name) + 1));
    }
    expect(clip.texts).toEqual([
      'K<1>',
      'https://g.test/images?key=K1&x=1',
      '![a "b"](https://g.test/images?key=K1&x=1)',
      '<img src="https://g.test/images?key=K1&amp;x=1" alt="a &quot;b&quot;">',
    ]);
    expect(within(group).getByText('HTML copied.')).toBeTruthy();
  });

  it('says so when copying is refused', async () => {
    fakeClipboard(true);
    setup({ 'history.list': () => [entry()] });
    fireEvent.click(await screen.findByRole('button', { name: 'Copy URL' }));
    await screen.findByText('The browser did not allow copying.');
  });

  it('clears the history only after a confirmation inside the popup', async () => {
    const confirm = vi.fn(() => true);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true });
    setup({ 'history.list': () => [entry()], 'history.clear': () => null });
    fireEvent.click(await screen.findByRole('button', { name: 'Clear history' }));
    expect(screen.getByText('Remove the one upload from this list? The image stays in Glean.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Clear' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep', exact: true }));
    expect(sent('history.clear')).toEqual([]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Clear history' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await screen.findByText('History cleared.');
    expect(sent('history.clear')).toEqual([null]);
    expect(screen.getByText('No uploads yet. What you upload shows up here.')).toBeTruthy();
    expect(confirm).not.toHaveBeenCalled();
  });

  it('reads the history again when a job finishes', async () => {
    let round = 0;
    setup({ 'history.list': () => (++round === 1 ? [] : [entry({ fileName: 'fresh.png' })]) });
    await screen.findByText(/No uploads yet/);
    // A burst of finished jobs reads the history once: every timer the burst set is run out, and
    // still only one more read went out.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      await broadcast(job({ id: 'd1', state: 'done', result: { url: 'u', key: 'k' } }));
      await broadcast(job({ id: 'd2', state: 'done', result: { url: 'u', key: 'k2' } }));
      await broadcast(job({ id: 'd3', state: 'uploading' }));
      expect(sent('history.list')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(HISTORY_RELOAD_DELAY_MS);
      expect(sent('history.list')).toHaveLength(2);
      await vi.runAllTimersAsync();
    } finally {
      vi.useRealTimers();
    }
    await screen.findByText('fresh.png');
    expect(sent('history.list')).toHaveLength(2);
  });
});

describe('History tab: the queue', () => {
  const queue = (over: Partial<QueueStatus>): QueueStatus => ({ ...EMPTY_QUEUE, ...over });

  it('lists unfinished jobs with their state in words, and the actions that apply', async () => {
    setup({
      'history.list': () => [],
      'upload.status': () =>
        queue({
          jobs: [
            job({ id: 'q', state: 'queued', source: { fileName: 'waiting.png' } }),
            job({ id: 'u', state: 'uploading', source: { srcUrl: 'https://site.test/a/moving.gif' } }),
            job({ id: 'f', state: 'failed', source: { fileName: 'broken.png' }, error: { kind: 'bad-request', message: 'Glean rejected the request (400).' } }),
            job({ id: 'd', state: 'done', source: { fileName: 'finished.png' } }),
          ],
        }),
    });
    const section = await screen.findByRole('region', { name: 'In the queue (3)' });
    const rows = within(section).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.item-name')!.textContent)).toEqual(['waiting.png', 'moving.gif', 'broken.png']);
    expect(rows[0]!.textContent).toContain('Waiting in the queue.');
    expect(rows[1]!.textContent).toContain('Uploading…');
    expect(rows[2]!.textContent).toContain('Failed: Glean rejected the request (400).');
    const buttons = (row: HTMLElement) => within(row).queryAllByRole('button').map((b) => b.textContent);
    expect(buttons(rows[0]!)).toEqual(['Cancel']);
    expect(buttons(rows[1]!)).toEqual([]);
    expect(buttons(rows[2]!)).toEqual(['Retry', 'Cancel']);
  });

  it('retries a failed job and follows it', async () => {
    const failed = job({ id: 'f', state: 'failed', error: { kind: 'network', message: 'Glean could not be reached.' } });
    setup({ 'history.list': () => [], 'upload.status': () => queue({ jobs: [failed] }), 'upload.retry': () => ({ ...failed, state: 'queued' as const, updatedAt: failed.updatedAt + 1 }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Retry' }));
    await screen.findByText('Queued again.');
    expect(sent('upload.retry')).toEqual([{ id: 'f' }]);
    expect(screen.getByText('Waiting in the queue.')).toBeTruthy();
  });

  it('cancels a job and drops it from the list', async () => {
    setup({ 'history.list': () => [], 'upload.status': () => queue({ jobs: [job({ id: 'c', state: 'queued' })] }), 'upload.cancel': () => null });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await screen.findByText('Cancelled.');
    expect(sent('upload.cancel')).toEqual([{ id: 'c' }]);
    expect(screen.queryByRole('region', { name: /In the queue/ })).toBeNull();
  });

  it('says why paused jobs wait: rate limited until a time', async () => {
    const until = new Date(2025, 0, 1, 14, 30, 5).getTime();
    setup({ 'history.list': () => [], 'upload.status': () => queue({ jobs: [job({ state: 'paused' })], pause: { reason: 'rate-limited', until } }) });
    expect((await screen.findByText(/^Paused:/)).textContent).toBe(`Paused: Glean asked to slow down (rate limited) until ${new Date(until).toLocaleTimeString()}.`);
    expect(screen.queryByRole('button', { name: 'Open settings' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('says when the token was refused, with "Open settings", and follows the pause as it changes', async () => {
    const paused = job({ id: 'p', state: 'paused' });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    vi.spyOn(window, 'close').mockImplementation(() => {});
    setup({ 'history.list': () => [], 'upload.status': () => queue({ jobs: [paused], pause: { reason: 'unauthorized', message: 'Glean refused the token (401).' } }) });
    await screen.findByText('Paused: Glean refused the token (401).');
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(open).toHaveBeenCalledOnce();
    await broadcast({ ...paused, state: 'queued', updatedAt: paused.updatedAt + 1 }, null);
    await screen.findByText('Waiting in the queue.');
    expect(screen.queryByRole('button', { name: 'Open settings' })).toBeNull();
  });

  it('says in words when an action fails', async () => {
    setup({ 'history.list': () => [], 'upload.status': () => queue({ jobs: [job({ state: 'queued' })] }), 'upload.cancel': () => Promise.reject(fail('not-found', 'That upload is no longer in the queue.')) });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await screen.findByText('That upload is no longer in the queue.');
    expect(screen.getByRole('region', { name: 'In the queue (1)' })).toBeTruthy();
  });
});
