import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dropRevokedSites, isSiteEnabled, siteHandlers, syncContentScripts } from '../../../src/background/site-access';
import { loadSites, storeSites } from '../../../src/db/sites';
import type { CheckedSender } from '../../../src/messaging/router';
import { resetDb } from '../db/reset-db';

const PAGE: CheckedSender = { kind: 'page', url: 'chrome-extension://test-extension-id/popup.html' };
const setSite = (site: string, enabled: boolean) => siteHandlers['sites.set']!({ site, enabled }, PAGE);

let granted: Set<string>;
let contains: ReturnType<typeof vi.fn>;
let register: ReturnType<typeof vi.fn>;
let unregister: ReturnType<typeof vi.fn>;
let registered: string[][];

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  granted = new Set();
  registered = [];
  contains = vi.fn(async ({ origins }: { origins?: string[] }) => (origins ?? []).every((o) => granted.has(o)));
  register = vi.fn(async (scripts: { matches?: string[] }[]) => {
    registered = scripts.map((s) => s.matches ?? []);
  });
  unregister = vi.fn(async () => {
    registered = [];
  });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(contains as never);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation(register as never);
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation(unregister as never);
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((async () =>
    registered.length ? [{ id: 'glean-image-resolver' }] : []) as never);
});

describe('sites.set', () => {
  it('enables a granted site and registers the content script for it only', async () => {
    granted.add('https://b.example/*').add('https://a.example/*');
    expect(await setSite('https://b.example', true)).toEqual(['https://b.example']);
    expect(await setSite('https://a.example/', true)).toEqual(['https://a.example', 'https://b.example']);
    expect(await loadSites()).toEqual(['https://a.example', 'https://b.example']);
    expect(registered).toEqual([['https://a.example/*', 'https://b.example/*']]);
    expect(register.mock.calls.at(-1)![0][0]).toMatchObject({ allFrames: true, js: ['/content-scripts/content.js'] });
  });

  it('refuses a site the browser has not granted, changing nothing', async () => {
    await expect(setSite('https://a.example', true)).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(await loadSites()).toEqual([]);
    expect(register).not.toHaveBeenCalled();
  });

  it.each(['a.example', 'https://a.example/path', 'https://a.example:8443', 'HTTPS://A.EXAMPLE', 'javascript:alert(1)', 'ftp://a.example', '<all_urls>'])(
    'refuses %j as a site without asking the browser',
    async (site) => {
      await expect(setSite(site, true)).rejects.toMatchObject({ kind: 'invalid-input' });
      expect(contains).not.toHaveBeenCalled();
      expect(await loadSites()).toEqual([]);
    },
  );

  it('disables a site and unregisters the script when none is left', async () => {
    granted.add('https://a.example/*');
    await setSite('https://a.example', true);
    expect(await setSite('https://a.example', false)).toEqual([]);
    expect(registered).toEqual([]);
    expect(unregister).toHaveBeenCalled();
  });

  it('sites.get lists the stored sites', async () => {
    await storeSites(['https://a.example']);
    expect(await siteHandlers['sites.get']!(null, PAGE)).toEqual(['https://a.example']);
  });
});

describe('isSiteEnabled', () => {
  it('matches by scheme and host, any port and path', async () => {
    await storeSites(['https://a.example']);
    expect(await isSiteEnabled('https://a.example/x?y')).toBe(true);
    expect(await isSiteEnabled('https://a.example:8443/')).toBe(true);
    expect(await isSiteEnabled('http://a.example/')).toBe(false);
    expect(await isSiteEnabled('https://sub.a.example/')).toBe(false);
    expect(await isSiteEnabled('https://a.example.evil.example/')).toBe(false);
    expect(await isSiteEnabled('not a url')).toBe(false);
  });
});

describe('dropRevokedSites and syncContentScripts', () => {
  it('forgets sites whose permission was withdrawn and re-registers for the rest', async () => {
    await storeSites(['https://a.example', 'https://b.example']);
    granted.add('https://b.example/*');
    await dropRevokedSites();
    expect(await loadSites()).toEqual(['https://b.example']);
    expect(registered).toEqual([['https://b.example/*']]);
  });

  it('changes nothing when every permission is still there', async () => {
    await storeSites(['https://a.example']);
    granted.add('https://a.example/*');
    await dropRevokedSites();
    expect(register).not.toHaveBeenCalled();
  });

  it('registers nothing when no site is enabled', async () => {
    await syncContentScripts();
    expect(register).not.toHaveBeenCalled();
  });
});
