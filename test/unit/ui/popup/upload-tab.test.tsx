// @vitest-environment happy-dom
import { act, cleanup, createEvent, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { JobSummary } from '../../../../src/queue/types';
import type { PublicSettings } from '../../../../src/settings/types';
import { rasterizeSvg } from '../../../../src/images/svg-raster';
import { UploadTab } from '../../../../src/ui/popup/upload-tab';
import { answer, broadcast, entry, fail, fakeClipboard, imageBytes, job, PNG_BYTES, pngFile, sent, settings, svgFile, type Handlers } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));
// happy-dom cannot draw an SVG; the popup's part is choosing to convert and sending the result.
vi.mock('../../../../src/images/svg-raster', () => ({ rasterizeSvg: vi.fn() }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

function setup(handlers: Handlers = {}, s: PublicSettings = settings(), active = true) {
  answer(handlers);
  return render(<UploadTab settings={s} active={active} />);
}

const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;

async function choose(...files: File[]) {
  fireEvent.change(fileInput(), { target: { files } });
  await screen.findByText(files[0]!.name);
}

const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
const select = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const upload = () => fireEvent.click(screen.getByRole('button', { name: 'Upload' }));

describe('Upload tab: choosing', () => {
  it('starts empty, and says what to do when Upload is pressed without an image', async () => {
    setup();
    expect(screen.getByText('No image chosen yet.')).toBeTruthy();
    upload();
    expect((await screen.findByRole('status', { name: '' })).textContent).toBe('Choose, drop or paste an image first.');
    expect(sent('upload.enqueue')).toEqual([]);
  });

  it('"Choose images" opens the file input', () => {
    setup();
    const click = vi.spyOn(fileInput(), 'click');
    fireEvent.click(screen.getByRole('button', { name: 'Choose images' }));
    expect(click).toHaveBeenCalledOnce();
  });

  it('previews each chosen file with its type from the bytes and its size', async () => {
    setup();
    // Named .jpg, but the bytes are PNG: the preview believes the bytes.
    await choose(new File([PNG_BYTES], 'photo.jpg', { type: 'image/jpeg' }), pngFile('two.png'));
    const items = within(screen.getByRole('list', { name: 'Chosen images' })).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('photo.jpg');
    // The size comes from the header, before (and without) the preview decoding anything.
    expect(items[0]!.textContent).toContain(`PNG · 8 × 8 · ${PNG_BYTES.length} B`);
    await waitFor(() => expect(items[0]!.querySelector('img')?.getAttribute('src')).toMatch(/^blob:/));
  });

  it('refuses a file stating more pixels than the limit, with the numbers, and makes no preview of it', async () => {
    setup();
    const bomb = PNG_BYTES.slice();
    bomb.set([0, 0, 0x40, 0, 0, 0, 0x40, 0], 16); // IHDR: 16,384 x 16,384
    await choose(new File([bomb], 'bomb.png', { type: 'image/png' }), pngFile('fine.png'));
    const [refused, fine] = within(screen.getByRole('list', { name: 'Chosen images' })).getAllByRole('listitem');
    expect(refused!.textContent).toContain('PNG · 16384 × 16384');
    expect(refused!.textContent).toContain('This image is 16,384 × 16,384 pixels (268.4 megapixels); images of up to 100 megapixels can be uploaded.');
    await waitFor(() => expect(fine!.querySelector('img')).not.toBeNull());
    expect(refused!.querySelector('img')).toBeNull();
    fill('ID', 'c1');
    upload();
    await waitFor(() => expect(sent('upload.enqueue')).toHaveLength(1));
  });

  it('takes pasted images, and leaves a paste of text alone', async () => {
    setup();
    const text = new Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(text, 'clipboardData', { value: { files: [], items: [{ kind: 'string', getAsFile: () => null }] } });
    document.body.dispatchEvent(text);
    expect(text.defaultPrevented).toBe(false);

    const paste = new Event('paste', { bubbles: true, cancelable: true });
    const file = pngFile('image.png');
    Object.defineProperty(paste, 'clipboardData', { value: { files: [], items: [{ kind: 'file', getAsFile: () => file }] } });
    document.body.dispatchEvent(paste);
    expect(paste.defaultPrevented).toBe(true);
    await screen.findByText('image.png');
  });

  it('does not take pastes while the tab is hidden', async () => {
    const view = setup({}, settings(), false);
    const pasteFile = (file: File) => {
      const paste = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(paste, 'clipboardData', { value: { files: [file], items: [] } });
      document.body.dispatchEvent(paste);
      return paste;
    };
    expect(pasteFile(pngFile('hidden.png')).defaultPrevented).toBe(false);
    // Shown again, the tab takes the next paste: once that one is listed, the hidden one would be too.
    view.rerender(<UploadTab settings={settings()} active />);
    expect(pasteFile(pngFile('shown.png')).defaultPrevented).toBe(true);
    await screen.findByText('shown.png');
    expect(screen.queryByText('hidden.png')).toBeNull();
  });

  it('takes dropped files', async () => {
    setup();
    const zone = screen.getByRole('button', { name: 'Choose images' }).closest('.dropzone')!;
    // Built by hand: this fireEvent version does not deliver dragover/drop under happy-dom.
    const over = createEvent.dragOver(zone, { dataTransfer: { types: ['Files'], dropEffect: 'none' } });
    act(() => void zone.dispatchEvent(over));
    expect(over.defaultPrevented).toBe(true);
    expect(zone.className).toContain('dropzone-over');
    const drop = createEvent.drop(zone, { dataTransfer: { files: [pngFile('dropped.png')], types: ['Files'] } });
    act(() => void zone.dispatchEvent(drop));
    expect(drop.defaultPrevented).toBe(true);
    await screen.findByText('dropped.png');
    expect(zone.className).not.toContain('dropzone-over');
  });

  it('names what is not an image, and does not send it', async () => {
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: job() }) });
    await choose(new File(['%PDF-1.7 ...'], 'report.pdf', { type: 'application/pdf' }));
    expect(screen.getByText(/This is a PDF document/)).toBeTruthy();
    fill('ID', 'c1');
    upload();
    await screen.findByText('Nothing left to upload: choose more images.');
    expect(sent('upload.enqueue')).toEqual([]);
  });

  it('says an SVG drawing will be converted, and sends the PNG it becomes', async () => {
    const png = new Blob([PNG_BYTES], { type: 'image/png' });
    vi.mocked(rasterizeSvg).mockResolvedValue(png);
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: job() }) });
    const svg = svgFile();
    await choose(svg);
    expect(screen.getByText('An SVG drawing: it will be converted to PNG for the upload (Glean does not take SVG).')).toBeTruthy();
    expect(screen.getByText(/^SVG · /)).toBeTruthy();
    fill('ID', 'c1');
    upload();
    await screen.findByText('Waiting in the queue.');
    expect(rasterizeSvg).toHaveBeenCalledWith(svg);
    const [request] = sent('upload.enqueue');
    expect([...new Uint8Array(await (request!.bytes as Blob).arrayBuffer())]).toEqual([...PNG_BYTES]);
    expect(request!.source).toEqual({ fileName: 'logo.svg' });
  });

  it('says so when an SVG cannot be drawn, sending nothing', async () => {
    vi.mocked(rasterizeSvg).mockRejectedValue(new Error('This SVG drawing cannot be turned into a picture (it may be damaged).'));
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: job() }) });
    await choose(svgFile());
    fill('ID', 'c1');
    upload();
    expect((await screen.findByRole('alert')).textContent).toBe('This SVG drawing cannot be turned into a picture (it may be damaged).');
    expect(sent('upload.enqueue')).toEqual([]);
  });
});

describe('Upload tab: metadata checks', () => {
  it('explains what ID, Datasource and Content ID mean for the chosen type', () => {
    setup();
    select('Type', 'USER');
    expect(screen.getByText('ID is the user id; Datasource is empty, or the datasource the picture is for.')).toBeTruthy();
    select('Type', 'UGC');
    expect(screen.getByText(/Content ID tells a thumbnail from a content image/)).toBeTruthy();
    select('Type', 'ICON');
    expect(screen.getByText(/ID is the doctype; Datasource is the datasource instance/)).toBeTruthy();
    expect((screen.getByLabelText('Type') as HTMLSelectElement).options).toHaveLength(7);
  });

  it('refuses a USER picture without an ID, marking the field, and sends nothing', async () => {
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: job() }) });
    await choose(pngFile());
    select('Type', 'USER');
    upload();
    expect(await screen.findByText('A profile picture (USER) needs the user ID.')).toBeTruthy();
    expect(screen.getByLabelText('ID').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Please correct the fields marked below.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('ID'));
    expect(sent('upload.enqueue')).toEqual([]);
    // Fixing the field takes its message away at once.
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'u1' } });
    await waitFor(() => expect(screen.queryByText('A profile picture (USER) needs the user ID.')).toBeNull());
  });

  it('shows "Act as" only for a global token, prefilled, and insists on an e-mail', async () => {
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: job() }) }, settings({ tokenType: 'global', actAs: 'alice@example.com' }));
    expect((screen.getByLabelText('Act as (e-mail)') as HTMLInputElement).value).toBe('alice@example.com');
    await choose(pngFile());
    fill('ID', 'c1');
    fill('Act as (e-mail)', 'alice');
    upload();
    expect(await screen.findByText('"alice" is not an e-mail address.')).toBeTruthy();
    expect(sent('upload.enqueue')).toEqual([]);
  });

  it('has no "Act as" with a user token', () => {
    setup();
    expect(screen.queryByLabelText('Act as (e-mail)')).toBeNull();
  });
});

describe('Upload tab: sending and following', () => {
  it('sends the chosen file itself (a handle, not a copy) with its name and trimmed metadata, then follows the job to its result', async () => {
    const queued = job({ id: 'j1', metadata: { type: 'UGC', id: 'c1', ds: 'wiki', cid: 'thumb' } });
    setup({
      'upload.enqueue': () => ({ status: 'queued', job: queued }),
      'image.get': () => imageBytes(),
    }, settings({ tokenType: 'global', actAs: 'alice@example.com' }));
    await choose(pngFile());
    fill('ID', ' c1 ');
    fill('Datasource', 'wiki');
    fill('Content ID', 'thumb');
    upload();
    await screen.findByText('Waiting in the queue.');

    const [request] = sent('upload.enqueue');
    expect(request!.bytes).toBeInstanceOf(File);
    expect((request!.bytes as File).name).toBe('cat.png');
    expect([...new Uint8Array(await (request!.bytes as Blob).arrayBuffer())]).toEqual([...PNG_BYTES]);
    expect(request!.source).toEqual({ fileName: 'cat.png' });
    expect(request!.metadata).toEqual({ type: 'UGC', id: 'c1', ds: 'wiki', cid: 'thumb' });
    expect(request!.actAs).toBe('alice@example.com');
    expect(request!.processing).toBeUndefined();
    expect(request!.insist).toBeUndefined();
    expect(screen.getByRole('progressbar', { name: 'Upload of cat.png' })).toBeTruthy();

    await broadcast({ ...queued, state: 'uploading', updatedAt: queued.updatedAt + 1 });
    await screen.findByText('Uploading…');
    expect(screen.getByRole('progressbar').hasAttribute('value')).toBe(false); // indeterminate

    // Another job's event does not touch this one.
    await broadcast(job({ id: 'other', state: 'failed', error: { kind: 'server', message: 'nope' } }));
    expect(screen.queryByText(/nope/)).toBeNull();

    const clip = fakeClipboard();
    await broadcast({ ...queued, state: 'done', updatedAt: queued.updatedAt + 2, result: { url: 'https://g.test/images?key=K1', key: 'K1' } });
    await screen.findByText('K1');
    expect(screen.queryByRole('progressbar')).toBeNull();
    await waitFor(() => expect(sent('image.get')).toEqual([{ query: { key: 'K1' } }]));
    const served = await screen.findByAltText('cat.png, as stored in Glean');
    expect(served.getAttribute('src')).toMatch(/^blob:/);
    expect(screen.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe('cat.png.png');

    fireEvent.click(screen.getByRole('button', { name: 'Copy Markdown' }));
    await screen.findByText('Markdown copied.');
    expect(clip.texts).toEqual(['![cat](https://g.test/images?key=K1)']);
  });

  it('keeps up when the job finishes before the enqueue answer arrives', async () => {
    const queued = job({ id: 'fast' });
    setup({
      'upload.enqueue': async () => {
        await broadcast({ ...queued, state: 'done', updatedAt: queued.updatedAt + 5, result: { url: 'u', key: 'FAST' } });
        return { status: 'queued', job: queued };
      },
      'image.get': () => imageBytes(),
    });
    await choose(pngFile());
    fill('ID', 'c1');
    upload();
    await screen.findByText('FAST');
    expect(screen.queryByText('Waiting in the queue.')).toBeNull();
  });

  it('hands every file over at once, before any answer has come', async () => {
    const answers: (() => void)[] = [];
    setup({
      'upload.enqueue': (p) => new Promise((resolve) => answers.push(() => resolve({ status: 'queued', job: job({ id: p.handoverId! }) }))),
    });
    await choose(pngFile('a.png'), pngFile('b.png'), pngFile('c.png'));
    fill('ID', 'c1');
    upload();
    await waitFor(() => expect(sent('upload.enqueue')).toHaveLength(3));
    expect(answers).toHaveLength(3);
    expect(new Set(sent('upload.enqueue').map((p) => p.handoverId)).size).toBe(3);
    act(() => answers.forEach((a) => a()));
    await screen.findByText('Sent 3 images. Progress is shown with each.');
  });

  it('offers Retry, in true words, for a file the background never answered, and hands it over as itself', async () => {
    let calls = 0;
    setup({
      'upload.enqueue': () => (++calls === 1 ? Promise.reject(fail('unavailable', "The extension's background did not answer, even after 6 tries in a few seconds. Try again.")) : { status: 'queued', job: job({ id: 'r1' }) }),
    });
    await choose(pngFile());
    fill('ID', 'c1');
    upload();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe("Not handed over to the upload queue: The extension's background did not answer, even after 6 tries in a few seconds. Try again.");
    expect(alert.textContent).not.toMatch(/reload/i);
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('Waiting in the queue.');
    const [first, again] = sent('upload.enqueue');
    expect(again!.handoverId).toBe(first!.handoverId);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows a failed job\'s reason in words and retries it', async () => {
    const queued = job({ id: 'j2' });
    setup({
      'upload.enqueue': () => ({ status: 'queued', job: queued }),
      'upload.retry': () => ({ ...queued, state: 'queued' as const }),
    });
    await choose(pngFile());
    fill('ID', 'c1');
    upload();
    await screen.findByText('Waiting in the queue.');
    await broadcast({ ...queued, state: 'failed', updatedAt: queued.updatedAt + 1, error: { kind: 'bad-request', message: 'Glean rejected the request (400): bad id' } });
    expect((await screen.findByText(/^Failed:/)).textContent).toBe('Failed: Glean rejected the request (400): bad id');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(sent('upload.retry')).toEqual([{ id: 'j2' }]));
  });

  it('says why a paused job waits, with "Open settings" when the token was refused', async () => {
    const queued = job({ id: 'j3' });
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: queued }) });
    await choose(pngFile());
    fill('ID', 'c1');
    upload();
    await screen.findByText('Waiting in the queue.');
    await broadcast({ ...queued, state: 'paused', updatedAt: queued.updatedAt + 1 }, { reason: 'unauthorized', message: 'Glean refused the token (401).' });
    await screen.findByText('Paused: Glean refused the token (401).');
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
  });

  it('shows the background\'s refusal in words', async () => {
    setup({ 'upload.enqueue': () => Promise.reject(fail('invalid-input', 'This is an HTML page, not an image.')) });
    await choose(pngFile());
    fill('ID', 'c1');
    upload();
    expect((await screen.findByRole('alert')).textContent).toBe('This is an HTML page, not an image.');
    expect(await screen.findByText('1 of 1 could not be sent; the reason is shown with the image.')).toBeTruthy();
  });

  it('sends the processing options chosen, square crop only for USER', async () => {
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: job() }) });
    await choose(pngFile());
    expect(screen.queryByLabelText('Crop to a centred square')).toBeNull();
    select('Type', 'USER');
    fill('ID', 'alice');
    select('Maximum size', '512');
    select('Format', 'jpeg');
    fireEvent.input(screen.getByLabelText('Quality (%)'), { target: { value: '70' } });
    fireEvent.click(screen.getByLabelText('Crop to a centred square'));
    upload();
    await waitFor(() => expect(sent('upload.enqueue')).toHaveLength(1));
    expect(sent('upload.enqueue')[0]!.processing).toEqual({ maxWidth: 512, maxHeight: 512, format: 'jpeg', quality: 0.7, squareCrop: true });
    expect(sent('upload.enqueue')[0]!.actAs).toBeUndefined();
  });
});

describe('Upload tab: duplicates', () => {
  it('shows the earlier upload and sends again with insist when asked', async () => {
    const earlier = entry({ key: 'OLD-KEY' });
    let calls = 0;
    const queued: JobSummary = job({ id: 'again' });
    setup({
      'upload.enqueue': () => (++calls === 1 ? { status: 'duplicate', earlier } : { status: 'queued', job: queued }),
    });
    await choose(pngFile());
    fill('ID', 'c1');
    upload();
    expect((await screen.findByText(/Already uploaded with the same details/)).textContent).toContain('OLD-KEY');
    expect(screen.getByRole('group', { name: 'Copy the earlier upload' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Upload again anyway' }));
    await screen.findByText('Waiting in the queue.');
    const requests = sent('upload.enqueue');
    expect(requests).toHaveLength(2);
    expect(requests[0]!.insist).toBeUndefined();
    expect(requests[1]!.insist).toBe(true);
    expect(requests[1]!.metadata).toEqual({ type: 'UGC', id: 'c1' });
  });

  it('does not send an image again on a second Upload once it is queued', async () => {
    setup({ 'upload.enqueue': () => ({ status: 'queued', job: job() }) });
    await choose(pngFile());
    fill('ID', 'c1');
    upload();
    await screen.findByText('Waiting in the queue.');
    await screen.findByText('Sent. Progress is shown with the image.');
    upload();
    await screen.findByText('Nothing left to upload: choose more images.');
    expect(sent('upload.enqueue')).toHaveLength(1);
  });
});
