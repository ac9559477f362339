import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropRevokedSites, isSiteEnabled, siteHandlers } from '../../../src/background/site-access';
import { storeSites } from '../../../src/db/sites';
import type { CheckedSender } from '../../../src/messaging/router';
import { resetDb } from '../db/reset-db';

const PAGE: CheckedSender = { kind: 'page', url: 'chrome-extension://test-extension-id/options.html' };
const setEverywhere = (everywhere: boolean) => siteHandlers['sites.everywhere.set']!({ everywhere }, PAGE);
const getEverywhere = () => siteHandlers['sites.everywhere.get']!(null, PAGE);

let granted: Set<string>;
let registered: string[][];

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  granted = new Set();
  registered = [];
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async ({ origins }: { origins?: string[] }) => (origins ?? []).every((o) => granted.has(o))) as never);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation((async (scripts: { matches?: string[] }[]) => {
    registered = scripts.map((s) => s.matches ?? []);
  }) as never);
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation((async () => {
    registered = [];
  }) as never);
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((async () => (registered.length ? [{ id: 'glean-image-resolver' }] : [])) as never);
});

describe('showing Glean images on every site', () => {
  it('is off until the user opts in, and needs the browser to have granted all https sites', async () => {
    expect(await getEverywhere()).toBe(false);
    await expect(setEverywhere(true)).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/all sites/) });
    expect(await getEverywhere()).toBe(false);
    expect(registered).toEqual([]);
  });

  it('registers the content script for every https page once granted, and back to the list when turned off', async () => {
    await storeSites(['http://127.0.0.1']);
    granted.add('https://*/*');
    expect(await setEverywhere(true)).toBe(true);
    expect(registered).toEqual([['https://*/*']]);
    expect(await isSiteEnabled('https://anything.example/page')).toBe(true);
    expect(await setEverywhere(false)).toBe(false);
    expect(registered).toEqual([['http://127.0.0.1/*']]);
    expect(await isSiteEnabled('https://anything.example/page')).toBe(false);
  });

  it('never enables pages that are not http(s)', async () => {
    granted.add('https://*/*');
    await setEverywhere(true);
    expect(await isSiteEnabled('file:///etc/passwd')).toBe(false);
    expect(await isSiteEnabled('chrome-extension://x/popup.html')).toBe(false);
  });

  it('is forgotten when the user withdraws the permission in the browser', async () => {
    granted.add('https://*/*');
    await setEverywhere(true);
    granted.clear();
    await dropRevokedSites();
    expect(await getEverywhere()).toBe(false);
    expect(registered).toEqual([]);
  });
});
