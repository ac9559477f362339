// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupApp } from '../../../../src/ui/popup/popup-app';
import { answer, settings } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('PopupApp with an ended OAuth sign-in', () => {
  it('stays usable and says "Sign in again", which opens the settings', async () => {
    answer({
      'settings.get': () => settings({ authMethod: 'oauth', hasToken: false, signedIn: false, needsSignIn: true }),
      'upload.status': () => ({ jobs: [], counts: { queued: 0, uploading: 0, failed: 0, paused: 0 }, pause: null }),
      'preferences.get': () => {
        throw new Error('not needed');
      },
    });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    vi.spyOn(window, 'close').mockImplementation(() => {});
    render(<PopupApp />);
    const button = await screen.findByRole('button', { name: 'Sign in again' });
    expect(screen.getByRole('alert').textContent).toContain('Your Glean sign-in has ended.');
    expect(screen.getByRole('tablist')).toBeTruthy();
    button.click();
    await waitFor(() => expect(open).toHaveBeenCalledOnce());
  });
});
