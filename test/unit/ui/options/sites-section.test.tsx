// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SitesSection } from '../../../../src/ui/options/sites-section';
import { answer, sent } from '../popup/fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

let sites: string[];
let everywhere: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  sites = ['https://a.example'];
  everywhere = false;
  answer({
    'sites.get': () => sites,
    'sites.set': ({ site, enabled }) => (sites = enabled ? [...sites, site].sort() : sites.filter((s) => s !== site)),
    'sites.everywhere.get': () => everywhere,
    'sites.everywhere.set': ({ everywhere: e }) => (everywhere = e),
  });
});
afterEach(cleanup);

const status = () => screen.getByTestId('sites-status').textContent;
const listed = () => [...document.querySelectorAll('.sites-list code')].map((c) => c.textContent);

describe('SitesSection', () => {
  it('lists the enabled sites and removes one', async () => {
    render(<SitesSection />);
    await waitFor(() => expect(listed()).toEqual(['https://a.example']));
    fireEvent.click(screen.getByRole('button', { name: 'Remove https://a.example' }));
    await waitFor(() => expect(listed()).toEqual([]));
    expect(sent('sites.set')).toEqual([{ site: 'https://a.example', enabled: false }]);
    expect(status()).toBe('Glean images no longer show on https://a.example.');
  });

  it('adds a site as typed, asking the browser for that origin in the click', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    render(<SitesSection />);
    fireEvent.input(await screen.findByLabelText('Add a site'), { target: { value: 'Wiki.Acme.com/space/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://wiki.acme.com/*'] });
    await waitFor(() => expect(listed()).toEqual(['https://a.example', 'https://wiki.acme.com']));
    expect(status()).toMatch(/now show on https:\/\/wiki\.acme\.com/);
  });

  it('refuses what is no web site, and a site the browser did not allow', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    render(<SitesSection />);
    const input = await screen.findByLabelText('Add a site');
    fireEvent.input(input, { target: { value: 'ftp://files.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    expect(status()).toMatch(/Enter a web site address/);
    expect(request).not.toHaveBeenCalled();
    fireEvent.input(input, { target: { value: 'b.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site' }));
    await waitFor(() => expect(status()).toBe('The browser did not allow the extension on https://b.example.'));
    expect(sent('sites.set')).toEqual([]);
  });

  it('opts in to every site only with the permission granted in the click, next to a plain warning', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    render(<SitesSection />);
    const box = (await screen.findByLabelText('Show Glean images on every site')) as HTMLInputElement;
    expect(screen.getByText(/any page you open could then name a Glean image/).id).toBe(box.getAttribute('aria-describedby'));
    fireEvent.click(box);
    expect(request).toHaveBeenCalledWith({ origins: ['https://*/*'] });
    await waitFor(() => expect(sent('sites.everywhere.set')).toEqual([{ everywhere: true }]));
    await waitFor(() => expect(box.checked).toBe(true));
  });

  it('stays off when the browser refuses all sites', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    render(<SitesSection />);
    const box = (await screen.findByLabelText('Show Glean images on every site')) as HTMLInputElement;
    fireEvent.click(box);
    await waitFor(() => expect(status()).toBe('The browser did not allow the extension on all sites.'));
    expect(box.checked).toBe(false);
    expect(sent('sites.everywhere.set')).toEqual([]);
  });

  it('shows sites the organisation locks as set by it, without Remove, and names those not granted yet', async () => {
    sites = ['https://a.example', 'https://wiki.acme.com'];
    everywhere = false;
    const policy = { set: ['sites', 'everywhere'] as ('sites' | 'everywhere')[], lock: true, sites: ['https://intranet.acme.com', 'https://wiki.acme.com'], notes: [] };
    render(<SitesSection policy={policy} />);
    await waitFor(() => expect(listed()).toEqual(['https://a.example', 'https://wiki.acme.com']));
    expect(screen.queryByRole('button', { name: 'Remove https://wiki.acme.com' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove https://a.example' })).toBeTruthy();
    expect(screen.getAllByText('Set by your organisation')).toHaveLength(2);
    expect((document.getElementById('sites-everywhere') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(/Your organisation also names https:\/\/intranet\.acme\.com:/)).toBeTruthy();
  });
});
