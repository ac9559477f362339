// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { TabUploadResult } from '../../../../src/messaging/protocol';
import { DEFAULT_UPLOAD_PREFERENCES, type UploadPreferences } from '../../../../src/settings/upload-preferences';
import type { PublicSettings } from '../../../../src/settings/types';
import { DetailsView } from '../../../../src/ui/popup/details-view';
import { PopupApp } from '../../../../src/ui/popup/popup-app';
import { parseDetails, routeFrom, type DetailsTarget } from '../../../../src/ui/popup/popup-route';
import { describeProcessing } from '../../../../src/ui/popup/processing-defaults';
import { answer, broadcast, entry, fail, fakeClipboard, imageBytes, job, sent, settings, type Handlers } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const TARGET: DetailsTarget = { tabId: 12, frameId: 3, src: 'https://site.test/img/cat.png', pageUrl: 'https://site.test/articles/cats' };

const prefs = (over: Partial<UploadPreferences> = {}): UploadPreferences => ({ ...DEFAULT_UPLOAD_PREFERENCES, ...over });

function setup(handlers: Handlers, target: DetailsTarget = TARGET, s: PublicSettings = settings()) {
  answer({ 'preferences.get': () => prefs(), ...handlers });
  return render(<DetailsView target={target} settings={s} />);
}

const UUID = /^[0-9a-f-]{36}$/;
const uploadButton = () => screen.getByRole('button', { name: 'Upload' });
const queued = (src = TARGET.src, id = 'd1'): TabUploadResult => ({ status: 'queued', src, job: job({ id, source: { srcUrl: src } }) });

describe('Details window: what it shows', () => {
  it('shows the image, its page, and the form prefilled with the right-click defaults', async () => {
    setup({ 'preferences.get': () => prefs({ defaultType: 'LOGO', defaultMetadata: { id: 'acme', ds: 'web' }, processing: { format: 'jpeg', quality: 0.8, maxWidth: 1024, maxHeight: 1024 } }) });
    expect(screen.getByRole('heading', { name: 'Upload with details' })).toBeTruthy();
    const img = screen.getByRole('img', { name: 'The picture to upload: cat.png' }) as HTMLImageElement;
    expect(img.getAttribute('src')).toBe(TARGET.src);
    expect(screen.getByText(TARGET.pageUrl)).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('LOGO'));
    expect((screen.getByLabelText('ID') as HTMLInputElement).value).toBe('acme');
    expect((screen.getByLabelText('Datasource') as HTMLInputElement).value).toBe('web');
    expect((screen.getByLabelText('Content ID') as HTMLInputElement).value).toBe('');
    expect(screen.getByText('default (at most 1024 px, as JPEG 80%)')).toBeTruthy();
    expect(screen.queryByLabelText('Act as (e-mail)')).toBeNull();
    expect(document.title).toBe('Upload cat.png to Glean');
  });

  it('shows a placeholder for a page\'s blob: picture, and for one that does not load', async () => {
    const view = setup({}, { ...TARGET, src: 'blob:https://site.test/0b1c' });
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText(/The page made this picture itself, so it cannot be shown here/)).toBeTruthy();
    expect(screen.getByText('Picture made by the page')).toBeTruthy();
    view.unmount();
    setup({});
    fireEvent.error(screen.getByRole('img'));
    await screen.findByText(/The picture cannot be shown here/);
  });

  it('starts from an empty form, saying why, when the defaults cannot be read', async () => {
    setup({ 'preferences.get': () => Promise.reject(fail('unavailable', 'The extension did not answer.')) });
    await screen.findByText('The upload defaults could not be read, so the form starts empty: The extension did not answer.');
    expect((screen.getByLabelText('Type') as HTMLSelectElement).value).toBe('UGC');
  });
});

describe('Details window: uploading', () => {
  it('checks the form before sending and focuses the first problem', async () => {
    setup({ 'upload.enqueueFromTab': () => [queued()] });
    await screen.findByLabelText('ID');
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'USER' } });
    fireEvent.click(uploadButton());
    await screen.findByText('A profile picture (USER) needs the user ID.');
    expect(screen.getByText('Please correct the fields marked below.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('ID'));
    expect(sent('upload.enqueueFromTab')).toEqual([]);
    // Fixing the field takes its message away at once.
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'c1' } });
    await waitFor(() => expect(screen.queryByText('A profile picture (USER) needs the user ID.')).toBeNull());
    expect(screen.getByLabelText('ID').getAttribute('aria-invalid')).toBe('false');
  });

  it('uploads the image from its tab and frame, follows the job, and shows the key with copy buttons', async () => {
    const clip = fakeClipboard();
    const j = job({ id: 'd1', source: { srcUrl: TARGET.src }, metadata: { type: 'UGC', id: 'doc-7', ds: 'wiki' } });
    setup({ 'upload.enqueueFromTab': () => [{ status: 'queued', src: TARGET.src, job: j }], 'image.get': () => imageBytes() });
    fireEvent.input(await screen.findByLabelText('ID'), { target: { value: ' doc-7 ' } });
    fireEvent.input(screen.getByLabelText('Datasource'), { target: { value: 'wiki' } });
    fireEvent.click(uploadButton());
    await screen.findByText('Sent to the upload queue.');
    expect(sent('upload.enqueueFromTab')).toEqual([{ metadata: { type: 'UGC', id: 'doc-7', ds: 'wiki' }, handoverId: expect.stringMatching(UUID), tabId: 12, images: [{ src: TARGET.src, frameId: 3 }] }]);
    expect(screen.getByText('Waiting in the queue.')).toBeTruthy();
    expect((uploadButton() as HTMLButtonElement).disabled).toBe(true);

    await broadcast({ ...j, state: 'uploading', updatedAt: j.updatedAt + 1 });
    await screen.findByText('Uploading…');
    await broadcast({ ...j, state: 'done', updatedAt: j.updatedAt + 2, result: { url: 'https://acme-be.glean.com/rest/api/v1/images?key=K9', key: 'K9' } });
    expect((await screen.findByText('K9')).tagName).toBe('CODE');
    expect(screen.getByText('Uploaded.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Sent to the upload queue.')).toBeNull());
    const copy = screen.getByRole('group', { name: 'Copy cat.png' });
    fireEvent.click(within(copy).getByRole('button', { name: 'Copy key' }));
    await waitFor(() => expect(clip.texts).toEqual(['K9']));
    expect((uploadButton() as HTMLButtonElement).disabled).toBe(false);
    await waitFor(() => expect(sent('image.get')).toEqual([{ query: { key: 'K9' } }]));
  });

  it('sends processing and act-as when chosen', async () => {
    setup({ 'upload.enqueueFromTab': () => [queued()] }, TARGET, settings({ tokenType: 'global', actAs: 'bob@example.com' }));
    await screen.findByLabelText('ID');
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'BACKGROUND' } });
    fireEvent.change(screen.getByLabelText('Format'), { target: { value: 'webp' } });
    fireEvent.click(uploadButton());
    await waitFor(() => expect(sent('upload.enqueueFromTab')).toHaveLength(1));
    expect(sent('upload.enqueueFromTab')[0]).toEqual({
      metadata: { type: 'BACKGROUND' }, actAs: 'bob@example.com', processing: { format: 'webp', quality: 0.85 }, handoverId: expect.stringMatching(UUID), tabId: 12, images: [{ src: TARGET.src, frameId: 3 }],
    });
  });

  it('shows the earlier identical upload and uploads again when insisted', async () => {
    let calls = 0;
    setup({ 'upload.enqueueFromTab': () => (++calls === 1 ? [{ status: 'duplicate', src: TARGET.src, earlier: entry({ key: 'OLD-1' }) }] : [queued()]) });
    fireEvent.input(await screen.findByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(uploadButton());
    expect((await screen.findByText(/Already uploaded with the same details/)).textContent).toContain('Key: OLD-1');
    expect(screen.getByRole('group', { name: 'Copy the earlier upload' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Upload again anyway' }));
    await screen.findByText('Sent to the upload queue.');
    expect(sent('upload.enqueueFromTab').map((p) => p.insist)).toEqual([undefined, true]);
    expect(screen.queryByText(/Already uploaded/)).toBeNull();
  });

  it('hands the image over again as the same hand-over when the background never answered', async () => {
    let calls = 0;
    setup({ 'upload.enqueueFromTab': () => (++calls === 1 ? Promise.reject(fail('unavailable', "The extension's background did not answer, even after 6 tries in a few seconds. Try again.")) : [queued()]) });
    fireEvent.input(await screen.findByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(uploadButton());
    await screen.findByText("Not handed over to the upload queue: The extension's background did not answer, even after 6 tries in a few seconds. Try again.");
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('Sent to the upload queue.');
    const [first, again] = sent('upload.enqueueFromTab');
    expect(again!.handoverId).toBe(first!.handoverId);
    // A new upload (not a retry of a lost hand-over) gets a new id.
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('asks for the image\'s site inside the click, then tries again', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    let calls = 0;
    setup({
      'upload.enqueueFromTab': () =>
        ++calls === 1
          ? [{ status: 'refused', src: TARGET.src, needsOrigin: 'https://site.test/*', error: { kind: 'needs-permission', message: 'Allow the extension to read images from https://site.test to upload this one.' } }]
          : [queued()],
    });
    fireEvent.input(await screen.findByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(uploadButton());
    expect((await screen.findByRole('alert')).textContent).toBe('Allow the extension to read images from https://site.test to upload this one.');
    fireEvent.click(screen.getByRole('button', { name: 'Allow https://site.test and try again' }));
    // Synchronously in the click, before anything awaited.
    expect(request).toHaveBeenCalledWith({ origins: ['https://site.test/*'] });
    await screen.findByText('Sent to the upload queue.');
    expect(sent('upload.enqueueFromTab')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: /^Allow/ })).toBeNull();
  });

  it('says so when the browser does not allow the site, and sends nothing more', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    setup({ 'upload.enqueueFromTab': () => [{ status: 'refused', src: TARGET.src, needsOrigin: 'https://site.test/*', error: { kind: 'needs-permission', message: 'Allow it.' } }] });
    fireEvent.input(await screen.findByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(uploadButton());
    fireEvent.click(await screen.findByRole('button', { name: 'Allow https://site.test and try again' }));
    await screen.findByText('The browser did not allow reading images from https://site.test.');
    expect(sent('upload.enqueueFromTab')).toHaveLength(1);
  });

  it('shows a refusal without a site plainly, and the background\'s errors in words', async () => {
    let calls = 0;
    setup({
      'upload.enqueueFromTab': () =>
        ++calls === 1
          ? [{ status: 'refused', src: TARGET.src, error: { kind: 'invalid-input', message: 'This is an HTML page, not an image.' } }]
          : Promise.reject(fail('refused', 'The tab was closed.')),
    });
    fireEvent.input(await screen.findByLabelText('ID'), { target: { value: 'c1' } });
    fireEvent.click(uploadButton());
    expect((await screen.findByRole('alert')).textContent).toBe('This is an HTML page, not an image.');
    expect(screen.queryByRole('button', { name: /^Allow/ })).toBeNull();
    fireEvent.click(uploadButton());
    await screen.findByText('The tab was closed.');
    expect((uploadButton() as HTMLButtonElement).disabled).toBe(false);
  });

  it('closes the window with Close', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    setup({});
    fireEvent.click(await screen.findByRole('button', { name: 'Close' }));
    expect(close).toHaveBeenCalledOnce();
  });
});

describe('Details window: opened by its address', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('reads the target from ?details=, and refuses anything else', () => {
    const search = `?details=${encodeURIComponent(JSON.stringify(TARGET))}`;
    expect(routeFrom(search)).toEqual({ kind: 'details', target: TARGET });
    expect(routeFrom('?details=%7Bnot-json')).toEqual({ kind: 'bad-details' });
    expect(parseDetails(JSON.stringify({ ...TARGET, tabId: -1 }))).toBeNull();
    expect(parseDetails(JSON.stringify({ ...TARGET, src: '' }))).toBeNull();
    expect(parseDetails(JSON.stringify({ tabId: 1, frameId: 0, src: 'data:image/png;base64,AA' }))).toEqual({ tabId: 1, frameId: 0, src: 'data:image/png;base64,AA', pageUrl: '' });
    expect(routeFrom('')).toEqual({ kind: 'tabs' });
    expect(routeFrom('?view=history&highlight=job-9')).toEqual({ kind: 'tabs', tab: 'history', highlight: 'job-9' });
  });

  it('the popup page shows the details view instead of the tabs', async () => {
    window.history.replaceState(null, '', `/popup.html?details=${encodeURIComponent(JSON.stringify(TARGET))}`);
    answer({ 'settings.get': () => settings(), 'preferences.get': () => prefs() });
    render(<PopupApp />);
    await screen.findByRole('heading', { name: 'Upload with details' });
    expect(screen.queryByRole('tablist')).toBeNull();
    expect(document.querySelector('main')!.className).toBe('popup details-window');
  });

  it('says so when the address lost the picture', async () => {
    window.history.replaceState(null, '', '/popup.html?details=oops');
    answer({ 'settings.get': () => settings() });
    render(<PopupApp />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^This window lost track of the picture/);
  });
});

describe('Processing defaults in the popup', () => {
  it('are described in a few words', () => {
    expect(describeProcessing({ format: 'keep' })).toBe('unchanged');
    expect(describeProcessing({})).toBe('unchanged');
    expect(describeProcessing({ maxWidth: 800, maxHeight: 600 })).toBe('at most 800 × 600 px');
    expect(describeProcessing({ maxWidth: 800 })).toBe('at most 800 px wide');
    expect(describeProcessing({ maxHeight: 600, format: 'png' })).toBe('at most 600 px high, as PNG');
    expect(describeProcessing({ format: 'webp', quality: 0.9 })).toBe('as WebP 90%');
  });

  it('show in the Upload tab\'s processing summary until the form chooses its own', async () => {
    answer({ 'settings.get': () => settings(), 'preferences.get': () => prefs({ processing: { format: 'png', maxWidth: 2048, maxHeight: 2048 } }) });
    render(<PopupApp />);
    await screen.findByText('default (at most 2048 px, as PNG)');
    fireEvent.change(screen.getByLabelText('Maximum size'), { target: { value: '512' } });
    await screen.findByText('at most 512 px');
  });
});
