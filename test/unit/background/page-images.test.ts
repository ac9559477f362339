// The background's side of Glean images on pages: the token rules follow the credentials and the
// sites within the same call, a page's 429 pauses page loads alone (never the user's uploads) and
// then has the held-back images asked for again, paced, and the popup hears why images failed.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetToken } from '../../../src/background/credentials';
import { pageImageHandlers, setupPageImages } from '../../../src/background/page-images';
import { pageGate, syncPageRules } from '../../../src/background/page-rules';
import { RETRIES_PER_SECOND } from '../../../src/background/page-retry';
import { gate } from '../../../src/background/services';
import { storeSettings } from '../../../src/db/settings';
import { storeEverywhere, storeSites } from '../../../src/db/sites';
import type { CheckedSender } from '../../../src/messaging/router';
import { PAUSE_RULE_ID, TOKEN_RULE_ID } from '../../../src/page-images/rules';
import { resetDb } from '../db/reset-db';
import { clearSessionRules, sessionRules } from '../fake-page-image-apis';

const BASE = 'https://acme-be.glean.com/rest/api/v1';
const ENDPOINT = `${BASE}/images`;
const TOKEN = 'secret-user-token';
const POPUP: CheckedSender = { kind: 'page', url: 'chrome-extension://test-extension-id/popup.html' };
const WIKI: CheckedSender = { kind: 'content', tabId: 5, frameId: 0, url: 'https://wiki.example/page' };

type Listener = (details: Record<string, unknown>) => void;
const headers: Listener[] = [];
const completed: Listener[] = [];
const errored: Listener[] = [];
let requestId = 0;

/** Page traffic as the browser reports it to webRequest listeners. */
function load(tabId: number, query: string, statusCode: number, answer: Record<string, string> = {}): void {
  const responseHeaders = Object.entries(answer).map(([name, value]) => ({ name, value }));
  const details = { requestId: String(++requestId), url: `${ENDPOINT}?${query}`, tabId, frameId: 0, statusCode, responseHeaders };
  for (const l of headers) l(details);
  for (const l of completed) l(details);
}

const report = (tabId: number) => pageImageHandlers['tab.gleanImages']!({ tabId }, POPUP);
const token = () => sessionRules().find((r) => r.id === TOKEN_RULE_ID);
const paused = () => sessionRules().some((r) => r.id === PAUSE_RULE_ID);

beforeAll(() => {
  // WXT's fake browser has no webRequest; these record the listeners the background adds.
  const event = (list: Listener[]) => ({
    addListener: (l: Listener) => void list.push(l),
    removeListener: (l: Listener) => void list.splice(list.indexOf(l) >>> 0, list.includes(l) ? 1 : 0),
  });
  (fakeBrowser as unknown as { webRequest: unknown }).webRequest = { onHeadersReceived: event(headers), onCompleted: event(completed), onErrorOccurred: event(errored) };
  vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined);
  setupPageImages();
});

beforeEach(async () => {
  await resetDb();
  clearSessionRules();
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation((async (id: number) => ({ id, url: id === 5 ? 'https://wiki.example/page' : 'https://other.example/' })) as never);
  await storeSettings({ apiBase: BASE, tokenType: 'user', actAs: '', userId: 'alice', authMethod: 'token' }, TOKEN);
  await storeSites(['https://wiki.example']);
  await syncPageRules();
  // A new page in each tab: what an earlier test left is forgotten.
  for (const id of [5, 6]) await fakeBrowser.tabs.onUpdated.trigger(id, { status: 'loading' }, { id } as never);
});

describe('the token rules', () => {
  it('carry the token for the enabled sites, and lose it the moment the token is forgotten', async () => {
    expect(token()).toMatchObject({ condition: { initiatorDomains: ['wiki.example'], urlFilter: `|${ENDPOINT}?` } });
    expect(JSON.stringify(token())).toContain(`Bearer ${TOKEN}`);
    await forgetToken();
    expect(JSON.stringify(sessionRules())).not.toContain(TOKEN);
    expect(paused()).toBe(true); // nothing the browser cached shows without a token
  });

  it('follow the sites: none enabled, none; every site, no initiator list', async () => {
    await storeSites([]);
    await syncPageRules();
    expect(sessionRules()).toEqual([]);
    await storeEverywhere(true);
    await syncPageRules();
    expect(token()!.condition).not.toHaveProperty('initiatorDomains');
  });

  it('follow the backend and the act-as of a global token', async () => {
    await storeSettings({ apiBase: 'https://beta-be.glean.com/rest/api/v1', tokenType: 'global', actAs: 'bob@example.com', userId: '', authMethod: 'token' }, 'global-token');
    await syncPageRules();
    const rule = JSON.stringify(token());
    expect(rule).toContain('|https://beta-be.glean.com/rest/api/v1/images?');
    expect(rule).toContain('bob@example.com');
    expect(rule).not.toContain('acme-be');
  });

  it('are none while no backend is set', async () => {
    await storeSettings({ apiBase: '', tokenType: 'user', actAs: '', userId: '', authMethod: 'token' });
    await syncPageRules();
    expect(sessionRules()).toEqual([]);
  });
});

describe('page traffic', () => {
  it('reports what did not show and why, per tab, and forgets it on the next page', async () => {
    load(5, 'key=gone', 404);
    load(5, 'key=refused', 401);
    load(5, 'key=fine', 200);
    load(6, 'key=elsewhere', 404);
    await vi.waitFor(async () => expect((await report(5)).problems).toHaveLength(2));
    const r = await report(5);
    expect(r.enabled).toBe(true);
    expect(r.shown).toBe(1);
    expect(r.problems.map((p) => [p.url.split('?')[1], p.error.kind, p.error.status])).toEqual([
      ['key=gone', 'not-found', 404],
      ['key=refused', 'unauthorized', 401],
    ]);
    // Tab 6's site is not enabled: its loads went without the token, and that is the reason given.
    load(6, 'key=tokenless', 401);
    await vi.waitFor(async () => expect((await report(6)).problems).toHaveLength(2));
    const other = await report(6);
    expect(other.enabled).toBe(false);
    expect(other.problems.map((p) => [p.url.split('?')[1], p.error.kind])).toEqual([['key=elsewhere', 'not-found'], ['key=tokenless', 'not-enabled']]);
    expect(other.problems[1]!.error.message).toMatch(/not enabled on this site/);
    load(5, 'key=gone', 200); // shown after all
    await vi.waitFor(async () => expect((await report(5)).problems).toHaveLength(1));
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'loading' }, { id: 5 } as never);
    expect(await report(5)).toMatchObject({ shown: 0, problems: [] });
  });

  it('pauses page loads alone after a 429, then asks again for what it held back, paced', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined as never);
    const held = Array.from({ length: RETRIES_PER_SECOND + 5 }, (_, i) => `key=k${i}`);
    for (const q of held) load(5, q, 429, { 'Retry-After': '1' });
    await vi.waitFor(() => expect(paused()).toBe(true));
    expect(token()).toBeDefined(); // the token rule stays: the pause rule stands above it
    // A background that sleeps through the pause is woken at its end to lift it.
    const wake = await fakeBrowser.alarms.get('page-rules-reopen');
    expect(wake!.scheduledTime).toBe((await pageGate.blockedUntil()) + 50);
    expect(await gate.blockedUntil()).toBe(0); // the user's uploads and lookups go on
    expect((await report(5)).problems[0]!.error.kind).toBe('rate-limited');

    await vi.waitFor(() => expect(paused()).toBe(false), { timeout: 3000 });
    await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(1), { timeout: 1000 });
    const first = sent.mock.calls[0]![1] as { resolver: string; rules: { url: string; css: string }[] };
    expect(first.resolver).toBe('retry');
    expect(first.rules).toHaveLength(RETRIES_PER_SECOND);
    expect(first.rules[0]!.css).toContain(`content:url("${ENDPOINT}?key=k0")`);
    await vi.waitFor(() => expect(sent).toHaveBeenCalledTimes(2), { timeout: 2500 });
    expect((sent.mock.calls[1]![1] as { rules: unknown[] }).rules).toHaveLength(5);
  });

  it('ignores loads of other URLs and of no tab', async () => {
    for (const l of headers) l({ requestId: 'x1', url: 'https://acme-be.glean.com/rest/api/v1/imagesX?key=a', tabId: 5, frameId: 0, statusCode: 404 });
    for (const l of headers) l({ requestId: 'x2', url: `${ENDPOINT}?key=a`, tabId: -1, frameId: 0, statusCode: 404 });
    // A load that counts, sent after them: once it is in the report, the ignored ones would be too.
    load(5, 'key=counted', 404);
    await vi.waitFor(async () => expect((await report(5)).problems).toHaveLength(1));
    expect((await report(5)).problems.map((p) => p.url)).toEqual([`${ENDPOINT}?key=counted`]);
  });
});

describe('loads that end without an answer', () => {
  it('holds back a load our pause blocked, and explains a network failure; an answered load adds nothing', async () => {
    const fail = (id: string, query: string, error: string) => errored.forEach((l) => l({ requestId: id, url: `${ENDPOINT}?${query}`, tabId: 5, frameId: 0, error }));
    fail('e1', 'key=blocked', 'net::ERR_BLOCKED_BY_CLIENT');
    fail('e2', 'key=down', 'net::ERR_CONNECTION_REFUSED');
    // Firefox ends a 404 image as an error after its headers: the status stays what explains it.
    for (const l of headers) l({ requestId: 'e3', url: `${ENDPOINT}?key=gone`, tabId: 5, frameId: 0, statusCode: 404 });
    fail('e3', 'key=gone', 'NS_ERROR_FAILURE');
    await vi.waitFor(async () => expect((await report(5)).problems).toHaveLength(3));
    expect((await report(5)).problems.map((p) => [p.url.split('?')[1], p.error.kind, p.error.status]).sort()).toEqual([
      ['key=blocked', 'rate-limited', undefined],
      ['key=down', 'network', undefined],
      ['key=gone', 'not-found', 404],
    ]);
  });
});

describe('a Retry-After of a week', () => {
  // Last: the page gate keeps this pause in memory for the rest of the file.
  it('caps a Retry-After at an hour', async () => {
    load(5, 'key=a', 429, { 'Retry-After': String(7 * 24 * 3600) });
    await vi.waitFor(() => expect(paused()).toBe(true));
    expect(await pageGate.blockedUntil()).toBeLessThanOrEqual(Date.now() + 3600 * 1000);
  });

});

describe('page.keys', () => {
  it('answers CSS built from the keys on the saved backend, never from a URL the page gave', async () => {
    const { css } = await pageImageHandlers['page.keys']!({ keys: ['seed-alice'] }, WIKI);
    expect(css).toContain(`url("${ENDPOINT}?key=seed-alice")`);
  });

  it('refuses a page on a site that is not enabled', async () => {
    await expect(pageImageHandlers['page.keys']!({ keys: ['a'] }, { ...WIKI, url: 'https://evil.example/' })).rejects.toThrow(/not enabled/);
  });
});
