// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SiteSwitch } from '../../../../src/ui/popup/site-switch';
import { answer, sent } from './fixtures';

vi.mock('../../../../src/messaging/send', async (original) => ({ ...(await original<object>()), send: vi.fn() }));

const SITE = 'https://wiki.acme.com';
let order: string[];

beforeEach(() => {
  fakeBrowser.reset();
  order = [];
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 5, url: `${SITE}/space/page` }] as never);
  vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async () => {
    order.push('inject');
    return [];
  }) as never);
});
afterEach(cleanup);

function background(sites: string[]) {
  answer({
    'sites.get': () => sites,
    'sites.set': ({ site, enabled }) => {
      order.push(`sites.set ${enabled}`);
      sites = enabled ? [...sites, site] : sites.filter((s) => s !== site);
      return sites;
    },
  });
}

describe('SiteSwitch', () => {
  it('asks the browser for this one site inside the change event, then enables it and starts the page part', async () => {
    background([]);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((async () => {
      order.push('request');
      return true;
    }) as never);
    render(<SiteSwitch />);
    const toggle = (await screen.findByRole('switch', { name: 'Show Glean images on this site' })) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    expect(request).toHaveBeenCalledWith({ origins: [`${SITE}/*`] }); // synchronously, in the gesture
    await waitFor(() => expect(order).toEqual(['request', 'sites.set true', 'inject']));
    expect(sent('sites.set')).toEqual([{ site: SITE, enabled: true }]);
    expect(fakeBrowser.scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 5 }, files: ['/content-scripts/content.js'] });
    expect(toggle.checked).toBe(true);
  });

  it('says so and stays off when the browser does not allow the site', async () => {
    background([]);
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    render(<SiteSwitch />);
    const toggle = (await screen.findByRole('switch')) as HTMLInputElement;
    fireEvent.click(toggle);
    expect((await screen.findByRole('alert')).textContent).toBe(`The browser did not allow the extension on ${SITE}.`);
    expect(toggle.checked).toBe(false);
    expect(sent('sites.set')).toEqual([]);
  });

  it('turns an enabled site off without asking the browser for anything', async () => {
    background([SITE]);
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    render(<SiteSwitch />);
    const toggle = (await screen.findByRole('switch')) as HTMLInputElement;
    await waitFor(() => expect(toggle.checked).toBe(true));
    fireEvent.click(toggle);
    await waitFor(() => expect(sent('sites.set')).toEqual([{ site: SITE, enabled: false }]));
    expect(request).not.toHaveBeenCalled();
    expect(fakeBrowser.scripting.executeScript).not.toHaveBeenCalled();
  });

  it('shows nothing on a tab that is no web page', async () => {
    background([]);
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 5, url: 'chrome://extensions' }] as never);
    const { container } = render(<SiteSwitch />);
    // The switch decides once the tab is known: its handler was chained on this answer before ours.
    await waitFor(() => expect(query).toHaveBeenCalled());
    await act(async () => void (await query.mock.results[0]!.value));
    expect(container.innerHTML).toBe('');
    expect(sent('sites.get')).toEqual([]);
  });

  it('stays on, set by the organisation, for a site its policy names and locks', async () => {
    answer({
      'sites.get': () => [SITE],
      'policy.get': () => ({ set: ['sites'], lock: true, sites: [SITE], notes: [] }),
    });
    render(<SiteSwitch />);
    await screen.findByText('Set by your organisation');
    const toggle = screen.getByRole('switch') as HTMLInputElement;
    expect([toggle.checked, toggle.disabled]).toEqual([true, true]);
  });
});

