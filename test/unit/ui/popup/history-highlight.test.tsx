// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { QueueStatus } from '../../../../src/messaging/protocol';
import { HistoryTab } from '../../../../src/ui/popup/history-tab';
import { PopupApp } from '../../../../src/ui/popup/popup-app';
import { answer, broadcast, entry, job, settings, type Handlers } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

const EMPTY_QUEUE: QueueStatus = { jobs: [], counts: { queued: 0, uploading: 0, failed: 0, paused: 0 }, pause: null };
const ENTRIES = [entry({ id: 'a', fileName: 'first.png' }), entry({ id: 'b', fileName: 'second.png' }), entry({ id: 'c', fileName: 'third.png' })];

let scrolled: Element[];
beforeEach(() => {
  fakeBrowser.reset();
  scrolled = [];
  // happy-dom lays nothing out; record who asked to be scrolled to.
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolled.push(this);
  });
});
afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function setup(highlight: string | undefined, handlers: Handlers = {}) {
  answer({ 'upload.status': () => EMPTY_QUEUE, 'history.list': () => ENTRIES, ...handlers });
  return render(<HistoryTab highlight={highlight} />);
}

const rowOf = async (name: string) => (await screen.findByText(name)).closest('li')!;

describe('History: the entry a link asks for', () => {
  it('is marked current, outlined, scrolled to and focused', async () => {
    setup('b');
    const row = await rowOf('second.png');
    await waitFor(() => expect(document.activeElement).toBe(row));
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(row.classList.contains('highlighted')).toBe(true);
    expect(row.tabIndex).toBe(-1);
    expect(scrolled).toEqual([row]);
    const others = [await rowOf('first.png'), await rowOf('third.png')];
    expect(others.map((r) => r.getAttribute('aria-current'))).toEqual([null, null]);
    expect(others.some((r) => r.classList.contains('highlighted'))).toBe(false);
  });

  it('marks nothing without a link', async () => {
    setup(undefined);
    await rowOf('second.png');
    expect(document.querySelector('[aria-current]')).toBeNull();
    expect(scrolled).toEqual([]);
  });

  it('says so when the upload is no longer in the list', async () => {
    setup('gone');
    await screen.findByText('The upload you asked to see is no longer in the recent uploads.');
    expect(document.querySelector('[aria-current]')).toBeNull();
  });

  it('waits for an upload still in the queue, and marks it once it is done', async () => {
    const running = job({ id: 'late', state: 'uploading', source: { fileName: 'late.png' } });
    let round = 0;
    setup('late', {
      'upload.status': () => ({ ...EMPTY_QUEUE, jobs: [running] }),
      'history.list': () => (++round === 1 ? ENTRIES : [entry({ id: 'late', fileName: 'late.png' }), ...ENTRIES]),
    });
    await screen.findByRole('region', { name: 'In the queue (1)' });
    expect(screen.queryByText(/no longer in the recent uploads/)).toBeNull();
    await broadcast({ ...running, state: 'done', updatedAt: running.updatedAt + 1, result: { url: 'u', key: 'k' } });
    const section = screen.getByRole('region', { name: 'Recent uploads' });
    await waitFor(() => expect(within(section).getByText('late.png').closest('li')!.getAttribute('aria-current')).toBe('true'));
    await waitFor(() => expect(document.activeElement).toBe(within(section).getByText('late.png').closest('li')));
  });

  it('the popup page opens History with the entry from ?view=history&highlight=', async () => {
    window.history.replaceState(null, '', '/popup.html?view=history&highlight=c');
    answer({ 'settings.get': () => settings(), 'upload.status': () => EMPTY_QUEUE, 'history.list': () => ENTRIES });
    render(<PopupApp />);
    const row = await rowOf('third.png');
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('History');
    expect(row.getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(row));
    // The Upload tab was never chosen, so it was never drawn.
    expect(screen.queryByRole('button', { name: 'Choose images' })).toBeNull();
  });
});
