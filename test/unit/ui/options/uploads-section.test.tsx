// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_UPLOAD_PREFERENCES, type UploadPreferences } from '../../../../src/settings/upload-preferences';
import { OptionsApp } from '../../../../src/ui/options/options-app';
import { draftFrom, preferencesFrom } from '../../../../src/ui/options/uploads-draft';
import { UploadsSection } from '../../../../src/ui/options/uploads-section';
import { answer, fail, sent, settings, type Handlers } from '../popup/fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const MB = 1024 * 1024;
const SAVED: UploadPreferences = {
  ...DEFAULT_UPLOAD_PREFERENCES,
  processing: { format: 'keep', squareCrop: true },
  defaultMetadata: { ds: 'wiki' },
};

function setup(handlers: Handlers = {}) {
  answer({ 'preferences.get': () => SAVED, 'preferences.save': (p) => p, ...handlers });
  return render(<UploadsSection />);
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement & HTMLSelectElement;
const type = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
const choose = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save upload settings' }));
const errorOf = (label: string) => {
  const ids = field(label).getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el) => el?.classList.contains('error'))?.textContent;
};

describe('Options: Uploads section', () => {
  it('shows the saved preferences by their labels', async () => {
    setup();
    await screen.findByLabelText('Largest file (MB)');
    expect(screen.getByRole('heading', { name: 'Uploads' })).toBeTruthy();
    expect(field('Largest file (MB)').value).toBe('20');
    expect(field('Uploads at the same time').value).toBe('3');
    expect(field('Attempts before giving up').value).toBe('6');
    expect(field('Uploads kept in history').value).toBe('500');
    expect(field('Default type for right-click').value).toBe('UGC');
    expect([...field('Default type for right-click').options].map((o) => o.value)).toEqual(['BACKGROUND', 'FEEDBACK', 'HEADER', 'ICON', 'LOGO', 'UGC', 'USER']);
    expect(field('ID').value).toBe('');
    expect(field('Datasource').value).toBe('wiki');
    expect(field('Content ID').value).toBe('');
    expect(field('Maximum width').value).toBe('');
    expect(field('Maximum height').value).toBe('');
    expect(field('Format').value).toBe('keep');
    expect(field('Quality').disabled).toBe(true);
    choose('Format', 'jpeg');
    expect(field('Quality').disabled).toBe(false);
    expect(field('Quality').value).toBe('85');
  });

  it('checks every field before saving and says what is wrong in words', async () => {
    setup();
    await screen.findByLabelText('Largest file (MB)');
    type('Largest file (MB)', '0');
    type('Uploads at the same time', '9');
    type('Attempts before giving up', '');
    type('Uploads kept in history', '2.5');
    type('Maximum width', '-4');
    type('Maximum height', '30000');
    choose('Format', 'webp');
    type('Quality', '101');
    type('Content ID', 'x'.repeat(1025));
    save();
    await screen.findByText('Please correct the upload settings marked below.');
    expect(errorOf('Largest file (MB)')).toBe('The largest file can be set from 1 to 200 MB.');
    expect(errorOf('Uploads at the same time')).toBe('Enter a whole number of uploads from 1 to 8.');
    expect(errorOf('Attempts before giving up')).toBe('Enter a whole number of attempts from 1 to 20.');
    expect(errorOf('Uploads kept in history')).toBe('Enter a whole number of uploads from 10 to 5000.');
    expect(errorOf('Maximum width')).toBe('Enter a whole number of pixels from 1 to 20000, or leave it empty for no limit.');
    expect(errorOf('Maximum height')).toBe('Enter a whole number of pixels from 1 to 20000, or leave it empty for no limit.');
    expect(errorOf('Quality')).toBe('Enter a whole number of percent from 1 to 100.');
    expect(errorOf('Content ID')).toBe('At most 1024 characters.');
    expect(field('Largest file (MB)').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Largest file (MB)'));
    expect(sent('preferences.save')).toEqual([]);
  });

  it('needs a user ID before USER can be the right-click default', async () => {
    setup();
    await screen.findByLabelText('ID');
    choose('Default type for right-click', 'USER');
    save();
    await screen.findByText(/A profile picture \(USER\) needs the user ID/);
    expect(document.activeElement).toBe(field('ID'));
    type('ID', 'alice');
    save();
    await screen.findByText('Upload settings saved. New uploads use them.');
    expect(sent('preferences.save')[0]).toMatchObject({ defaultType: 'USER', defaultMetadata: { id: 'alice', ds: 'wiki' } });
  });

  it('saves the whole set and shows what was saved', async () => {
    setup({ 'preferences.save': (p) => ({ ...p, historyCap: 750 }) });
    await screen.findByLabelText('Largest file (MB)');
    type('Largest file (MB)', '2.5');
    type('Uploads at the same time', '5');
    type('Attempts before giving up', '3');
    type('Uploads kept in history', '800');
    choose('Default type for right-click', 'LOGO');
    type('ID', ' acme ');
    type('Datasource', '');
    type('Content ID', 'square');
    type('Maximum width', '1024');
    type('Maximum height', '0');
    choose('Format', 'jpeg');
    type('Quality', '70');
    save();
    await screen.findByText('Upload settings saved. New uploads use them.');
    expect(sent('preferences.save')).toEqual([{
      capBytes: Math.round(2.5 * MB),
      concurrency: 5,
      maxAttempts: 3,
      historyCap: 800,
      processing: { format: 'jpeg', maxWidth: 1024, quality: 0.7, squareCrop: true },
      defaultType: 'LOGO',
      defaultMetadata: { id: 'acme', cid: 'square' },
    }]);
    // The form shows what the background kept.
    expect(field('Uploads kept in history').value).toBe('750');
    expect(field('ID').value).toBe('acme');
    expect(field('Maximum height').value).toBe('');
  });

  it('says in words when reading or saving fails', async () => {
    const view = setup({ 'preferences.get': () => Promise.reject(fail('unavailable', 'The extension did not answer.')) });
    await screen.findByText('The upload settings could not be read: The extension did not answer.');
    expect(screen.queryByRole('button', { name: 'Save upload settings' })).toBeNull();
    view.unmount();
    setup({ 'preferences.save': () => Promise.reject(fail('invalid-input', 'The upload settings were not accepted.')) });
    await screen.findByLabelText('Largest file (MB)');
    save();
    await screen.findByText('The upload settings were not accepted.');
    expect((screen.getByRole('button', { name: 'Save upload settings' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('round-trips the defaults unchanged', () => {
    expect(preferencesFrom(draftFrom(DEFAULT_UPLOAD_PREFERENCES), DEFAULT_UPLOAD_PREFERENCES)).toEqual({ prefs: DEFAULT_UPLOAD_PREFERENCES });
  });

  it('is on the options page, after the connection settings', async () => {
    answer({ 'settings.get': () => settings(), 'preferences.get': () => SAVED });
    render(<OptionsApp />);
    const section = (await screen.findByRole('heading', { name: 'Uploads' })).closest('section')!;
    const connection = screen.getByRole('button', { name: 'Save' }).closest('form')!;
    expect(section.parentElement).toBe(document.querySelector('main'));
    expect(connection.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() => expect(sent('settings.get')).toHaveLength(1));
  });
});
