// @vitest-environment happy-dom
// An upload sent again after its first answer was lost says so, in History, with its result in the
// popup and in the page's toast, and says what it means for its type.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { toastForJob } from '../../../../src/background/toast-relay';
import { HistoryRow } from '../../../../src/ui/popup/history-row';
import { UploadProgress } from '../../../../src/ui/popup/upload-progress';
import { answer, entry, imageBytes, job } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => {
  fakeBrowser.reset();
  answer({ 'image.get': () => imageBytes() });
});
afterEach(cleanup);

const TWO_COPIES = /Sent again: the first try's answer was lost .* Glean may hold two copies of this image\./;
const ONE_COPY = /Sent again: .* the same details replace the image, so Glean holds one copy\./;

describe('"sent again" marks', () => {
  it('History: a UGC upload sent again may be in Glean twice', () => {
    render(<ul><HistoryRow entry={entry({ resent: true })} /></ul>);
    expect(screen.getByText(TWO_COPIES)).toBeTruthy();
  });

  it('History: any other type sent again replaced itself', () => {
    render(<ul><HistoryRow entry={entry({ resent: true, metadata: { type: 'USER', id: 'alice' } })} /></ul>);
    expect(screen.getByText(ONE_COPY)).toBeTruthy();
    expect(screen.queryByText(TWO_COPIES)).toBeNull();
  });

  it('History: an upload sent once says nothing of the kind', () => {
    render(<ul><HistoryRow entry={entry()} /></ul>);
    expect(screen.queryByText(/Sent again/)).toBeNull();
  });

  it('the popup\'s result of a finished upload that was sent again', () => {
    const done = job({ state: 'done', resent: true, result: { url: 'https://g.test/images?key=K', key: 'K' } });
    render(<UploadProgress job={done} pause={null} name="cat.png" />);
    expect(screen.getByText(TWO_COPIES)).toBeTruthy();
  });

  it('the toast of a right-click upload that was sent again, and not of one sent once', () => {
    const done = job({ state: 'done', resent: true, result: { url: 'https://g.test/images?key=K', key: 'K' } });
    expect(toastForJob(done)).toMatchObject({ kind: 'done', key: 'K', note: expect.stringMatching(TWO_COPIES) });
    expect(toastForJob({ ...done, resent: false })).not.toHaveProperty('note');
  });
});
