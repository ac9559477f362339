// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PublicSettings } from '../../../../src/settings/types';
import type { FieldError } from '../../../../src/settings/validate';
import type { Status } from '../../../../src/ui/components/status-line';
import { OAuthSection } from '../../../../src/ui/options/oauth-section';
import { OptionsApp } from '../../../../src/ui/options/options-app';
import { SignInMethod } from '../../../../src/ui/options/sign-in-method';
import { answer, fail, sent, settings } from '../popup/fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

const REDIRECT = 'https://ext-id.chromiumapp.org/';
const ISSUER = 'https://login.acme.com';

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue(REDIRECT);
});
afterEach(cleanup);

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

function section(saved: PublicSettings | null = settings({ hasToken: false }), locked = false) {
  const statuses: Status[] = [];
  const errors: FieldError[][] = [];
  const onSaved = vi.fn();
  const run = async (action: () => Promise<Status>) => {
    try {
      statuses.push(await action());
    } catch (e) {
      statuses.push({ tone: 'error', text: (e as Error).message });
    }
  };
  const draft = { backend: 'acme', tokenType: 'user' as const, actAs: '', userId: 'alice' };
  render(<OAuthSection saved={saved} draft={draft} busy={false} errorFor={() => undefined} showErrors={(e) => errors.push(e)} run={run} onSaved={onSaved} locked={locked} />);
  return { statuses, errors, onSaved };
}

describe('SignInMethod', () => {
  it('offers signing in with Glean (recommended) and API token as a radio group; arrows move the choice', () => {
    const onChange = vi.fn();
    render(<SignInMethod value="oauth" onChange={onChange} />);
    const oauth = screen.getByRole('radio', { name: 'Sign in with Glean (recommended)' });
    expect(oauth.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('radio', { name: 'API token' }));
    expect(onChange).toHaveBeenLastCalledWith('token');
    fireEvent.keyDown(oauth, { key: 'ArrowRight' });
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(screen.getByRole('radiogroup', { name: 'Sign-in method' })).toBeTruthy();
  });
});

const choose = (name: RegExp) => fireEvent.click(screen.getByRole('radio', { name }));
const ADMIN = /client your Glean admin created/;
const EXTERNAL = /external identity provider/;

describe('OAuthSection', () => {
  it('signs in with Glean from the backend alone: one site asked for, no client ID, issuer or scope typed', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    answer({ 'oauth.signIn': () => settings({ authMethod: 'oauth', signedIn: true, account: 'Alice Example' }) });
    const { statuses, onSaved } = section();
    expect(screen.queryByLabelText('Client ID')).toBeNull();
    expect(screen.queryByLabelText('Authorization server')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Glean' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://acme-be.glean.com/*'] });
    await waitFor(() => expect(statuses).toEqual([{ tone: 'ok', text: 'Signed in as Alice Example.' }]));
    expect(sent('oauth.signIn')).toEqual([{ backend: 'acme', userId: 'alice', provider: 'glean', issuer: '', clientId: '', scopes: 'openid email profile offline_access' }]);
    expect(onSaved).toHaveBeenCalledOnce();
  });

  it('when self-registration is refused for the redirect URL, shows it with Copy and offers the admin’s client ID', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    answer({ 'oauth.signIn': () => { throw fail('oauth-redirect-not-allowed', 'Your Glean instance does not allow this extension’s redirect URL.', { redirectUrl: REDIRECT }); } });
    const { statuses } = section();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Glean' }));
    await waitFor(() => expect(statuses[0]?.tone).toBe('error'));
    await screen.findByText(/allow this redirect URL for self-registered apps/);
    expect((screen.getByLabelText('Redirect URL') as HTMLInputElement).value).toBe(REDIRECT);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByText('Copied.');
    expect(writeText).toHaveBeenCalledWith(REDIRECT);
    expect((screen.getByRole('radio', { name: ADMIN }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByLabelText('Client ID')).toBeTruthy();
  });

  it('with the sign-in locked by the organisation, explains a refused registration without switching the choice', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    answer({ 'oauth.signIn': () => { throw fail('oauth-redirect-not-allowed', 'Your Glean instance does not allow this extension’s redirect URL.', { redirectUrl: REDIRECT }); } });
    const { statuses } = section(settings({ hasToken: false }), true);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Glean' }));
    await waitFor(() => expect(statuses[0]?.tone).toBe('error'));
    await screen.findByText(/allow this redirect URL for self-registered apps/);
    expect((screen.getByLabelText('Redirect URL') as HTMLInputElement).value).toBe(REDIRECT);
    expect((screen.getByRole('radio', { name: ADMIN }) as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByLabelText('Client ID')).toBeNull();
  });

  it.each([
    ['oauth-registration-unavailable', /Ask your Glean admin for a client ID/],
    ['oauth-registration-refused', /Ask your Glean admin to allow this extension/],
  ])('explains %s and offers the admin’s client ID', async (kind, next) => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    answer({ 'oauth.signIn': () => { throw fail(kind, 'no'); } });
    section();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Glean' }));
    await screen.findByText(next);
    expect(screen.getByLabelText('Client ID')).toBeTruthy();
  });

  it('signs in with the admin’s client at Glean’s own server', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    answer({ 'oauth.signIn': () => settings({ authMethod: 'oauth', signedIn: true }) });
    section();
    choose(ADMIN);
    expect((screen.getByLabelText('Redirect URL') as HTMLInputElement).value).toBe(REDIRECT);
    type('Client ID', 'admin-client');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Glean' }));
    await waitFor(() => expect(sent('oauth.signIn')).toEqual([expect.objectContaining({ provider: 'glean', clientId: 'admin-client', issuer: '' })]));
  });

  it('with an external provider, asks for Glean’s and the issuer’s sites in the click', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    answer({ 'oauth.signIn': () => settings({ authMethod: 'oauth', signedIn: true, account: 'Alice Example' }) });
    const { statuses } = section();
    choose(EXTERNAL);
    expect((screen.getByLabelText('Scopes') as HTMLInputElement).value).toBe('openid email profile offline_access');
    type('Authorization server', `${ISSUER}/`);
    type('Client ID', 'glean-images');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://acme-be.glean.com/*', 'https://login.acme.com/*'] });
    await waitFor(() => expect(statuses).toEqual([{ tone: 'ok', text: 'Signed in as Alice Example.' }]));
    expect(sent('oauth.signIn')).toEqual([{ backend: 'acme', userId: 'alice', provider: 'external', issuer: `${ISSUER}/`, clientId: 'glean-images', scopes: 'openid email profile offline_access' }]);
  });

  it('marks wrong fields without asking the browser or the background', () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    answer({});
    const { errors } = section();
    choose(EXTERNAL);
    type('Authorization server', 'http://login.acme.com');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(errors.at(-1)?.map((e) => e.field)).toEqual(['issuer', 'clientId']);
    expect(request).not.toHaveBeenCalled();
    expect(sent('oauth.signIn')).toEqual([]);
  });

  it('when signed in, says as whom and offers Sign out', async () => {
    answer({ 'oauth.signOut': () => settings({ authMethod: 'oauth', signedIn: false, hasToken: false }) });
    const saved = settings({ authMethod: 'oauth', signedIn: true, account: 'Alice Example', oauth: { issuer: ISSUER, clientId: 'cid', scopes: 'openid', provider: 'external' } });
    const { statuses } = section(saved);
    expect(screen.getByText('Alice Example')).toBeTruthy();
    expect((screen.getByLabelText('Client ID') as HTMLInputElement).value).toBe('cid');
    expect((screen.getByLabelText('Authorization server') as HTMLInputElement).value).toBe(ISSUER);
    expect(screen.queryByRole('button', { name: /^Sign in/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(statuses[0]?.text).toMatch(/^Signed out/));
  });

  it('says "Sign in again" once the sign-in ended', () => {
    section(settings({ authMethod: 'oauth', signedIn: false, needsSignIn: true, hasToken: false }));
    expect(screen.getByText(/Sign in again/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in with Glean' })).toBeTruthy();
  });
});

describe('OptionsApp with a sign-in method', () => {
  it('starts on signing in with Glean when nothing is set up yet', async () => {
    answer({ 'settings.get': () => settings({ apiBase: '', hasToken: false }), 'preferences.get': () => { throw new Error('not here'); } });
    render(<OptionsApp />);
    await screen.findByRole('button', { name: 'Sign in with Glean' });
    expect(screen.queryByLabelText('API token')).toBeNull();
  });

  it('opens on the saved method and keeps the API token form for "API token"', async () => {
    answer({ 'settings.get': () => settings({ authMethod: 'oauth', signedIn: true, account: 'Alice' }), 'preferences.get': () => { throw new Error('not here'); } });
    render(<OptionsApp />);
    await screen.findByText('Alice');
    expect(screen.queryByLabelText('API token')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'API token' }));
    expect(screen.getByLabelText('API token')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
    expect(screen.queryByLabelText('Client ID')).toBeNull();
  });

  it('under a locking policy: the backend read-only, one sign-in, ignored values listed, the policy sites asked for in the click', async () => {
    const oauth = { issuer: 'https://acme-be.glean.com', clientId: '', scopes: 'openid email profile offline_access', provider: 'glean' as const };
    answer({
      'settings.get': () => settings({ authMethod: 'oauth', oauth, hasToken: false, signedIn: false, userId: '' }),
      'policy.get': () => ({ set: ['backend', 'signIn', 'sites'], lock: true, sites: ['https://wiki.acme.com'], notes: [{ key: 'MaxUploadSizeMB', message: 'The largest file can be set from 1 to 200 MB.' }] }),
      'preferences.get': () => { throw new Error('not here'); },
      'sites.get': () => [],
      'sites.everywhere.get': () => false,
      'oauth.signIn': () => settings({ authMethod: 'oauth', oauth, signedIn: true, account: 'Alice' }),
    });
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    render(<OptionsApp />);
    await waitFor(() => expect((screen.getByLabelText('Glean backend') as HTMLInputElement).readOnly).toBe(true));
    expect((screen.getByLabelText('Glean backend') as HTMLInputElement).value).toBe('https://acme-be.glean.com/rest/api/v1');
    expect((screen.getByRole('radio', { name: 'API token' }) as HTMLButtonElement).disabled).toBe(true);
    expect((document.querySelector('fieldset.oauth-choice') as HTMLFieldSetElement).disabled).toBe(true);
    expect(screen.getByRole('note').textContent).toContain('MaxUploadSizeMB: The largest file can be set from 1 to 200 MB.');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Glean' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://acme-be.glean.com/*', 'https://wiki.acme.com/*'] });
    await waitFor(() => expect(sent('oauth.signIn')).toHaveLength(1));
    expect(sent('oauth.signIn')[0]).toMatchObject({ backend: 'https://acme-be.glean.com/rest/api/v1', provider: 'glean', clientId: '' });
  });
});
