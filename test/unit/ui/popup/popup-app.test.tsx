// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../../../src/ui/popup/popup-app';
import { answer, fail, settings } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('PopupApp', () => {
  it('asks to connect first when no backend is set', async () => {
    answer({ 'settings.get': () => settings({ apiBase: '', hasToken: false }) });
    render(<PopupApp />);
    await screen.findByText('Connect the extension to your Glean first.');
    expect(screen.getByRole('button', { name: 'Open settings' })).toBeTruthy();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('asks to connect first when the token is missing', async () => {
    answer({ 'settings.get': () => settings({ hasToken: false }) });
    render(<PopupApp />);
    await screen.findByText('Connect the extension to your Glean first.');
  });

  it('"Open settings" opens the options page and closes the popup', async () => {
    answer({ 'settings.get': () => settings({ hasToken: false }) });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    render(<PopupApp />);
    (await screen.findByRole('button', { name: 'Open settings' })).click();
    await waitFor(() => expect(close).toHaveBeenCalled());
    expect(open).toHaveBeenCalledOnce();
  });

  it('shows the four tabs and the backend once configured, the Upload tab first', async () => {
    answer({ 'settings.get': () => settings() });
    render(<PopupApp />);
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Upload', 'Look up', 'This page', 'History']);
    expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Upload');
    expect(screen.getByText('acme-be.glean.com')).toBeTruthy();
    expect(screen.queryByText(/acting as/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Choose images' })).toBeTruthy();
  });

  it('says whom a global token acts as', async () => {
    answer({ 'settings.get': () => settings({ tokenType: 'global', actAs: 'alice@example.com' }) });
    render(<PopupApp />);
    expect((await screen.findByText(/acting as/)).textContent).toContain('acting as alice@example.com');
  });

  it('says so in words when the background does not answer', async () => {
    answer({ 'settings.get': () => Promise.reject(fail('unavailable', 'The extension did not answer.')) });
    render(<PopupApp />);
    expect((await screen.findByRole('alert')).textContent).toBe('The extension did not answer.');
  });
});
