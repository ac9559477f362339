// @vitest-environment happy-dom
/**
 * The in-page toast against what a page script can do. Before, the toast sat in an open shadow
 * root: a page read the key from `host.shadowRoot`, and clicked "Show" as often as it liked, even
 * on a button kept after the toast was closed. Now the root is closed, and the background's
 * requests are spent after one click.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { send } from '../../../src/messaging/send';
import { hideToast, showToast, TOAST_SLOT } from '../../../src/content/toast';

vi.mock('../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn(async () => null) }));

const KEY = 'glean-key-5f3a';
const done = { kind: 'done', jobId: 'job-1', title: 'Uploaded to Glean', key: KEY, url: `https://be.example/k/${KEY}`, markdown: `![](${KEY})` } as const;
/** What only the extension's own content-script world holds. */
const extensionRoot = () => (globalThis as unknown as Record<string, { root: ShadowRoot } | undefined>)[TOAST_SLOT]!.root;
const buttonNamed = (root: ShadowRoot, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;

afterEach(() => {
  hideToast();
  vi.mocked(send).mockClear();
});

describe('the toast, seen from the page', () => {
  it('shows nothing a page script can read: no shadow root, no key in the DOM', () => {
    showToast(done);
    const host = document.querySelector('glean-images-toast')!;
    expect(host).not.toBeNull();
    expect(host.shadowRoot).toBeNull();
    expect(document.documentElement.outerHTML).not.toContain(KEY);
    expect(document.documentElement.textContent).not.toContain(KEY);
    // The extension itself still has it, to update and test it.
    expect(extensionRoot().querySelector('.key')?.textContent).toBe(KEY);
  });

  it('keeps one toast: a second state replaces the first in the same host', () => {
    showToast({ kind: 'progress', text: 'Uploading…' });
    showToast(done);
    expect(document.querySelectorAll('glean-images-toast')).toHaveLength(1);
    expect(extensionRoot().querySelectorAll('.toast')).toHaveLength(1);
  });
});

describe('the toast buttons that ask the background', () => {
  it('"Show" asks once, however often it is clicked, also after the toast is gone', () => {
    showToast(done);
    const show = buttonNamed(extensionRoot(), 'Show');
    show.click();
    show.click();
    hideToast();
    show.dispatchEvent(new MouseEvent('click'));
    expect(vi.mocked(send).mock.calls).toEqual([['toast.show', { jobId: 'job-1' }]]);
    expect(show.disabled).toBe(true);
  });

  it('"Retry" asks once', () => {
    showToast({ kind: 'failed', jobId: 'job-2', message: 'Glean is not reachable.' });
    const retry = buttonNamed(extensionRoot(), 'Retry');
    retry.click();
    retry.click();
    expect(vi.mocked(send).mock.calls).toEqual([['toast.retry', { jobId: 'job-2' }]]);
  });

  it('copy buttons stay usable: they only write to the clipboard', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    showToast(done);
    buttonNamed(extensionRoot(), 'Copy key').click();
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith(KEY));
    expect(send).not.toHaveBeenCalled();
  });
});
