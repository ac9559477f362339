// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LookupTab } from '../../../../src/ui/popup/lookup-tab';
import { answer, fail, fakeClipboard, imageBytes, PNG_BYTES, sent, settings, type Handlers } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

function setup(handlers: Handlers) {
  answer(handlers);
  return render(<LookupTab settings={settings({ userId: 'alice' })} />);
}

const lookUp = () => fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
const find = () => fireEvent.click(screen.getByRole('button', { name: 'Find image' }));

describe('Look up tab: profile picture', () => {
  it('prefills the user ID from the settings and shows the picture with its facts', async () => {
    setup({ 'image.get': () => imageBytes('image/png') });
    expect((screen.getByLabelText('User ID') as HTMLInputElement).value).toBe('alice');
    lookUp();
    const img = await screen.findByAltText('Profile picture of alice');
    expect(img.getAttribute('src')).toMatch(/^blob:/);
    expect(sent('image.get')).toEqual([{ query: { type: 'USER', id: 'alice' } }]);
    expect(screen.getByText('image/png')).toBeTruthy();
    expect(screen.getByText(`${PNG_BYTES.length} B`)).toBeTruthy();
    const download = screen.getByRole('link', { name: 'Download' });
    expect(download.getAttribute('download')).toBe('profile-alice.png');
    expect(download.getAttribute('href')).toBe(img.getAttribute('src'));
  });

  it('shows that it is looking while the answer is on its way', async () => {
    let release!: () => void;
    setup({ 'image.get': () => new Promise((r) => (release = () => r(imageBytes()))) });
    lookUp();
    expect(await screen.findByText('Looking up…')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Look up' }) as HTMLButtonElement).disabled).toBe(true);
    release();
    await screen.findByAltText('Profile picture of alice');
    expect(screen.queryByText('Looking up…')).toBeNull();
  });

  it('asks for a user ID rather than sending an empty one', async () => {
    setup({ 'image.get': () => imageBytes() });
    fireEvent.input(screen.getByLabelText('User ID'), { target: { value: '  ' } });
    lookUp();
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a user ID to look up.');
    expect(sent('image.get')).toEqual([]);
  });

  it.each([
    [fail('not-found', 'Glean found nothing (404).', { status: 404 }), 'No image found: nothing is stored under this key or these details.'],
    [fail('bad-request', 'Glean rejected the request (400).', { status: 400 }), 'Glean did not accept this request (400). Check the key, or the type and IDs.'],
    [fail('rate-limited', 'x', { status: 429, retryAfterSeconds: 30 }), 'Glean is getting too many requests (429). Try again in 30 seconds.'],
    [fail('rate-limited', 'x', { status: 429 }), 'Glean is getting too many requests (429). Try again in a little while.'],
    [fail('network', 'Glean could not be reached.'), 'Glean could not be reached.'],
  ])('words a failure plainly (%#)', async (error, words) => {
    setup({ 'image.get': () => Promise.reject(error) });
    lookUp();
    expect((await screen.findByRole('alert')).textContent).toBe(words);
    expect(screen.queryByRole('button', { name: 'Open settings' })).toBeNull();
  });

  it('offers the settings when the token is refused (401)', async () => {
    setup({ 'image.get': () => Promise.reject(fail('unauthorized', 'Glean refused the token (401).', { status: 401 })) });
    lookUp();
    expect((await screen.findByRole('alert')).textContent).toBe('Glean refused the token (401). Check it in the settings.');
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
  });

  it('copies the image, and says so when the browser refuses', async () => {
    setup({ 'image.get': () => imageBytes('image/png') });
    const clip = fakeClipboard();
    lookUp();
    await screen.findByAltText('Profile picture of alice');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('Image copied.');
    expect(clip.items).toHaveLength(1);
    expect(clip.items[0]).toBeInstanceOf(ClipboardItem);

    fakeClipboard(true);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('The browser did not allow copying the image; use Download instead.');
  });
});

describe('Look up tab: any image', () => {
  it('looks up by key', async () => {
    setup({ 'image.get': () => imageBytes('image/jpeg') });
    fireEvent.input(screen.getByLabelText('Key'), { target: { value: ' abc123 ' } });
    find();
    await screen.findByAltText('The image with key abc123');
    expect(sent('image.get')).toEqual([{ query: { key: 'abc123' } }]);
    expect(screen.getByRole('link', { name: 'Download' }).getAttribute('download')).toBe('abc123.jpg');
  });

  it('asks for a key rather than sending an empty one', async () => {
    setup({ 'image.get': () => imageBytes() });
    find();
    expect((await screen.findByRole('alert')).textContent).toBe('Enter the key of an image.');
    expect(sent('image.get')).toEqual([]);
  });

  it('looks up by type, ID, datasource and content ID, leaving out empty fields', async () => {
    setup({ 'image.get': () => imageBytes() });
    fireEvent.click(screen.getByLabelText('By type and IDs'));
    expect(screen.queryByLabelText('Key')).toBeNull();
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'ICON' } });
    fireEvent.input(screen.getByLabelText('ID'), { target: { value: 'document' } });
    fireEvent.input(screen.getByLabelText('Datasource'), { target: { value: 'confluence' } });
    find();
    await waitFor(() => expect(sent('image.get')).toEqual([{ query: { type: 'ICON', id: 'document', ds: 'confluence' } }]));
    await screen.findByAltText('The ICON document confluence image');
    expect(screen.queryByLabelText('Act as (e-mail)')).toBeNull();
  });

  it('keeps the two lookups apart', async () => {
    setup({ 'image.get': (p) => ('key' in p.query ? Promise.reject(fail('not-found', 'x')) : imageBytes()) });
    lookUp();
    await screen.findByAltText('Profile picture of alice');
    fireEvent.input(screen.getByLabelText('Key'), { target: { value: 'missing' } });
    find();
    await screen.findByText('No image found: nothing is stored under this key or these details.');
    expect(screen.getByAltText('Profile picture of alice')).toBeTruthy();
  });
});
