// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageImage } from '../../../../src/page-images/types';
import { PageTab } from '../../../../src/ui/popup/page-tab';
import { answer, broadcast, entry, fail, job, sent, settings, type Handlers } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 } as never]);
});
afterEach(cleanup);

const img = (src: string, w: number, h: number, extra: Partial<PageImage> = {}): PageImage => ({
  src, kind: 'img', naturalWidth: w, naturalHeight: h, alt: '', frameId: 0, ...extra,
});

const PAGE = [
  img('https://site.test/big.png', 800, 600, { alt: 'A big picture' }),
  img('https://site.test/big.png', 400, 300, { kind: 'srcset' }),
  img('https://site.test/photo.jpg', 200, 150, { frameId: 3 }),
  img('https://site.test/icon.png', 16, 16),
  img('https://site.test/mid.png', 100, 50),
];

function setup(handlers: Handlers) {
  answer(handlers);
  return render(<PageTab settings={settings()} />);
}

const list = async () => within(await screen.findByRole('list', { name: 'Images on this page' }));
const check = (name: RegExp | string) => fireEvent.click(screen.getByRole('checkbox', { name }));

describe('This page tab', () => {
  it('asks for the active tab\'s images, and says it is looking meanwhile', async () => {
    let release!: () => void;
    setup({ 'tab.images': () => new Promise((r) => (release = () => r(PAGE))) });
    expect(screen.getByText('Looking for images on this page…')).toBeTruthy();
    await waitFor(() => expect(sent('tab.images')).toHaveLength(1));
    release();
    await list();
    expect(fakeBrowser.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(sent('tab.images')).toEqual([{ tabId: 7 }]);
  });

  it('says plainly when the page cannot be read', async () => {
    setup({ 'tab.images': () => Promise.reject(fail('refused', 'Cannot access a chrome:// URL')) });
    expect((await screen.findByRole('alert')).textContent).toMatch(/^The extension cannot read this page\. Browser pages/);
  });

  it('says so when the page has no images', async () => {
    setup({ 'tab.images': () => [] });
    await screen.findByText('No images found on this page.');
    expect(screen.queryByRole('button', { name: /Upload selected/ })).toBeNull();
  });

  it('merges duplicates, hides small images (32 px by default), and lists thumbnails with sizes', async () => {
    setup({ 'tab.images': () => PAGE });
    const items = (await list()).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'A big picture800 × 600 · img',
      'photo.jpg200 × 150 · img',
      'mid.png100 × 50 · img',
    ]);
    expect(items[0]!.querySelector('img')!.getAttribute('src')).toBe('https://site.test/big.png');
    fireEvent.change(screen.getByLabelText('Hide images smaller than'), { target: { value: '64' } });
    expect((await list()).getAllByRole('listitem')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Hide images smaller than'), { target: { value: '0' } });
    expect((await list()).getAllByRole('listitem')).toHaveLength(4);
    fireEvent.change(screen.getByLabelText('Hide images smaller than'), { target: { value: '128' } });
    expect((await list()).getAllByRole('listitem')).toHaveLength(2);
  });

  it('"Select all" selects every shown image and reports how many', async () => {
    setup({ 'tab.images': () => PAGE });
    await list();
    const all = screen.getByRole('checkbox', { name: /Select all/ }) as HTMLInputElement;
    expect(all.labels?.[0]?.textContent).toContain('0 of 3 selected');
    check('photo.jpg 200 × 150 · img');
    expect(all.indeterminate).toBe(true);
    fireEvent.click(all);
    expect(screen.getAllByRole('checkbox').every((c) => (c as HTMLInputElement).checked)).toBe(true);
    expect(screen.getByRole('button', { name: 'Upload selected (3)' })).toBeTruthy();
    fireEvent.click(all);
    expect(screen.getByRole('button', { name: 'Upload selected (0)' })).toBeTruthy();
  });

  it('needs a selection and valid metadata before sending', async () => {
    setup({ 'tab.images': () => PAGE });
    await list();
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(screen.getByRole('button', { name: /Upload selected/ }));
    await screen.findByText('Select at least one image.');
    check(/^photo\.jpg/);
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'USER' } });
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: /Upload selected/ }));
    await screen.findByText('A profile picture (USER) needs the user ID.');
    expect(document.activeElement).toBe(screen.getByLabelText('ID'));
    expect(sent('upload.enqueueFromTab')).toEqual([]);
  });

  it('uploads the selection with one form and follows the batch on a progress bar', async () => {
    const j1 = job({ id: 'p1', source: { srcUrl: 'https://site.test/big.png' } });
    const j2 = job({ id: 'p2', source: { srcUrl: 'https://site.test/photo.jpg' } });
    setup({
      'tab.images': () => PAGE,
      'upload.enqueueFromTab': () => [
        { status: 'queued', job: j1, src: 'https://site.test/big.png' },
        { status: 'queued', job: j2, src: 'https://site.test/photo.jpg' },
        { status: 'refused', src: 'https://site.test/mid.png', error: { kind: 'invalid-input', message: 'This is an HTML page, not an image.' } },
      ],
    });
    await list();
    fireEvent.click(screen.getByRole('checkbox', { name: /Select all/ }));
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c9' } });
    fireEvent.input(screen.getByLabelText('Datasource'), { target: { value: 'wiki' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload selected (3)' }));
    await screen.findByText('2 queued for upload.');
    expect(sent('upload.enqueueFromTab')).toEqual([{
      metadata: { type: 'UGC', id: 'c9', ds: 'wiki' },
      handoverId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      tabId: 7,
      images: [
        { src: 'https://site.test/big.png', frameId: 0 },
        { src: 'https://site.test/photo.jpg', frameId: 3 },
        { src: 'https://site.test/mid.png', frameId: 0 },
      ],
    }]);
    expect(screen.getByText('mid.png: This is an HTML page, not an image.')).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Uploaded 0 of 2' }) as HTMLProgressElement;
    expect(bar.max).toBe(2);
    expect(bar.value).toBe(0);

    await broadcast({ ...j1, state: 'done', updatedAt: j1.updatedAt + 1, result: { url: 'u', key: 'k' } });
    await screen.findByRole('progressbar', { name: 'Uploaded 1 of 2' });
    await broadcast({ ...j2, state: 'failed', updatedAt: j2.updatedAt + 1, error: { kind: 'server', message: 'Glean had a server error (500).' } });
    const done = (await screen.findByRole('progressbar', { name: 'Uploaded 1 of 2, 1 failed' })) as HTMLProgressElement;
    expect(done.value).toBe(2);
    expect(screen.getByText('photo.jpg: Glean had a server error (500).')).toBeTruthy();
  });

  it('names earlier identical uploads and sends just those again with insist', async () => {
    let calls = 0;
    setup({
      'tab.images': () => PAGE,
      'upload.enqueueFromTab': (p) =>
        ++calls === 1
          ? [{ status: 'queued', job: job({ id: 'q1' }), src: 'https://site.test/big.png' }, { status: 'duplicate', earlier: entry(), src: 'https://site.test/photo.jpg' }]
          : p.images.map((image, i) => ({ status: 'queued' as const, job: job({ id: `again-${i}` }), src: image.src })),
    });
    await list();
    check(/^A big picture/);
    check(/^photo\.jpg/);
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload selected (2)' }));
    expect((await screen.findByText(/uploaded before with the same details/)).textContent).toBe('1 image was uploaded before with the same details: photo.jpg.');
    fireEvent.click(screen.getByRole('button', { name: 'Upload again anyway' }));
    await waitFor(() => expect(sent('upload.enqueueFromTab')).toHaveLength(2));
    const again = sent('upload.enqueueFromTab')[1]!;
    expect(again.insist).toBe(true);
    expect(again.images).toEqual([{ src: 'https://site.test/photo.jpg', frameId: 3 }]);
    await screen.findByRole('progressbar', { name: 'Uploaded 0 of 2' });
    expect(screen.queryByText(/uploaded before/)).toBeNull();
  });

  it('offers to allow a site the extension may not read, then sends its images again', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    let calls = 0;
    setup({
      'tab.images': () => [img('https://cdn.test/a.png', 100, 100), img('https://cdn.test/b.png', 100, 100, { frameId: 2 }), img('https://site.test/c.png', 100, 100)],
      'upload.enqueueFromTab': (p) =>
        ++calls === 1
          ? p.images.map((i) =>
              i.src.startsWith('https://cdn.test/')
                ? { status: 'refused' as const, src: i.src, needsOrigin: 'https://cdn.test/*', error: { kind: 'needs-permission', message: 'Allow the extension to read images from https://cdn.test to upload this one.' } }
                : { status: 'queued' as const, src: i.src, job: job({ id: 'c' }) })
          : p.images.map((i) => ({ status: 'queued' as const, src: i.src, job: job({ id: i.src }) })),
    });
    await list();
    fireEvent.click(screen.getByRole('checkbox', { name: /Select all/ }));
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload selected (3)' }));
    expect(await screen.findAllByText(/Allow the extension to read images from https:\/\/cdn\.test/)).toHaveLength(2);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow https://cdn.test and try again' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://cdn.test/*'] });
    await waitFor(() => expect(sent('upload.enqueueFromTab')).toHaveLength(2));
    expect(sent('upload.enqueueFromTab')[1]!.images).toEqual([{ src: 'https://cdn.test/a.png', frameId: 0 }, { src: 'https://cdn.test/b.png', frameId: 2 }]);
    await screen.findByRole('progressbar', { name: 'Uploaded 0 of 3' });
    expect(screen.queryByText(/Allow the extension to read/)).toBeNull();
  });

  it('says so when the browser does not allow the site', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    setup({
      'tab.images': () => [img('https://cdn.test/a.png', 100, 100)],
      'upload.enqueueFromTab': (p) => p.images.map((i) => ({ status: 'refused' as const, src: i.src, needsOrigin: 'https://cdn.test/*', error: { kind: 'needs-permission', message: 'Allow it.' } })),
    });
    await list();
    fireEvent.click(screen.getByRole('checkbox', { name: /Select all/ }));
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload selected (1)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Allow https://cdn.test and try again' }));
    await screen.findByText('The browser did not allow reading images from https://cdn.test.');
    expect(sent('upload.enqueueFromTab')).toHaveLength(1);
  });

  it('offers Retry for a batch the background never answered, and sends it again as the same hand-over', async () => {
    let calls = 0;
    setup({
      'tab.images': () => PAGE,
      'upload.enqueueFromTab': (p) =>
        ++calls === 1
          ? Promise.reject(fail('unavailable', "The extension's background did not answer, even after 6 tries in a few seconds. Try again."))
          : p.images.map((image, i) => ({ status: 'queued' as const, job: job({ id: `r-${i}` }), src: image.src })),
    });
    await list();
    fireEvent.click(screen.getByRole('checkbox', { name: /Select all/ }));
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload selected (3)' }));
    await screen.findByText(/^Not handed over to the upload queue: The extension's background did not answer/);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('3 queued for upload.');
    const [first, again] = sent('upload.enqueueFromTab');
    expect(again!.handoverId).toBe(first!.handoverId);
    expect(again!.images).toEqual(first!.images);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows the background\'s refusal of the whole batch in words', async () => {
    setup({ 'tab.images': () => PAGE, 'upload.enqueueFromTab': () => Promise.reject(fail('refused', 'The tab was closed.')) });
    await list();
    check(/^photo\.jpg/);
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload selected (1)' }));
    await screen.findByText('The tab was closed.');
  });
});
