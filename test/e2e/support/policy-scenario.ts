/**
 * What the policy e2e tests in both browsers set and expect: a policy naming the sandbox's backend
 * and a site, locked, with two malformed values; and the page on that site with a Glean image.
 */
import { expect } from 'vitest';
import type { PageServer } from './page-server';
import { keysServed, solidPng, type Sandbox } from './sandbox-fixture';

export const POLICY_IMAGE_KEY = 'policy-k';

/** The first policy: backend, one-step sign-in, a site, right-click defaults, locked; two values malformed. */
export function companyPolicy(sandbox: Sandbox, site: PageServer): Record<string, unknown> {
  return {
    BaseUrl: sandbox.origin,
    SignInMethod: 'glean',
    ShowImagesOnSites: [site.origin, 'not a site'],
    RightClickType: 'LOGO',
    RightClickMetadata: { Datasource: 'intranet' },
    // Beyond 200 MB: ignored with a note, so the user's own limit (20 MB by default) stays.
    MaxUploadSizeMB: 5000,
    LockSettings: true,
  };
}

/** Serves /wiki.html on `site` with one Glean image, stored in the sandbox. */
export function setUpPolicySite(sandbox: Sandbox, site: PageServer): string {
  sandbox.images.put({ type: 'UGC', id: POLICY_IMAGE_KEY }, solidPng(20, 20, [30, 140, 90, 255]), 'image/png', { key: POLICY_IMAGE_KEY });
  site.set('/wiki.html', `<!doctype html><title>wiki</title><img id="glean" src="${sandbox.baseUrl}/images?key=${POLICY_IMAGE_KEY}" alt="">`);
  return `${site.origin}/wiki.html`;
}

/** Messages an extension page could send to change what the policy locks, each to be refused. */
function forgedChanges(sandbox: Sandbox, site: PageServer): [string, unknown][] {
  return [
    ['settings.save', { draft: { backend: 'https://elsewhere.example.com', tokenType: 'user', actAs: '', userId: '' }, token: 'stolen' }],
    ['oauth.signIn', { backend: 'https://elsewhere.example.com', userId: '', provider: 'glean', issuer: '', clientId: '', scopes: '' }],
    ['oauth.signIn', { backend: sandbox.origin, userId: '', provider: 'external', issuer: 'https://idp.example.com', clientId: 'x', scopes: '' }],
    ['preferences.save', { capBytes: 20 * 1024 * 1024, concurrency: 3, maxAttempts: 6, historyCap: 500, processing: { format: 'keep' }, defaultType: 'UGC', defaultMetadata: {} }],
    // Sites are kept by host (permissions cannot name a port).
    ['sites.set', { site: `http://${new URL(site.origin).hostname}`, enabled: false }],
  ];
}

type Send = (type: string, payload: unknown) => Promise<{ ok: boolean; value?: any; error?: { message: string } }>;

/** Sends each forged change from an extension page: every one refused in words, nothing changed. */
export async function expectForgedChangesRefused(send: Send, sandbox: Sandbox, site: PageServer): Promise<void> {
  const state = () => Promise.all([send('settings.get', null), send('preferences.get', null), send('sites.get', null)]);
  const before = await state();
  for (const [type, payload] of forgedChanges(sandbox, site)) {
    const reply = await send(type, payload);
    expect(reply.ok, type).toBe(false);
    expect(reply.error?.message, type).toMatch(/^Set by your organisation: /);
  }
  expect(await state()).toEqual(before);
  expect(sandbox.log.some((r) => r.path.includes('elsewhere'))).toBe(false);
}

/**
 * After the sign-in granted the sites: the background enabled the policy's site by itself, and
 * `showPage` (opening the wiki page and answering its Glean image's naturalWidth) sees the image.
 */
export async function expectPolicySiteShowsImage(send: Send, sandbox: Sandbox, showPage: () => Promise<number>): Promise<void> {
  // Sites are kept by host: the site's port is not part of it.
  await expect.poll(async () => (await send('sites.get', null)).value, { timeout: 10_000 }).toEqual(['http://127.0.0.1']);
  expect(await showPage()).toBe(20);
  expect(keysServed(sandbox).has(POLICY_IMAGE_KEY)).toBe(true);
}

/** The user's own choice in a field the policy does not set, which a policy change must leave alone. */
export async function chooseOwnConcurrency(send: Send): Promise<void> {
  const prefs = (await send('preferences.get', null)).value;
  expect((await send('preferences.save', { ...prefs, concurrency: 2 })).ok).toBe(true);
}

/** The policy changed: another right-click type and a size limit that is now well-formed. */
export function changedPolicy(sandbox: Sandbox, site: PageServer): Record<string, unknown> {
  return { ...companyPolicy(sandbox, site), RightClickType: 'ICON', MaxUploadSizeMB: 8 };
}

/** The change taken, the user's own choice kept, and still signed in (the backend did not change). */
export async function expectChangedPolicyTaken(send: Send, timeout: number): Promise<void> {
  await expect.poll(async () => (await send('preferences.get', null)).value.defaultType, { timeout }).toBe('ICON');
  const now = (await send('preferences.get', null)).value;
  expect([now.capBytes, now.concurrency, now.defaultMetadata]).toEqual([8 * 1024 * 1024, 2, { ds: 'intranet' }]);
  expect((await send('settings.get', null)).value.signedIn).toBe(true);
}

