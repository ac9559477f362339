/**
 * What the policy e2e tests in both browsers set and expect: a policy naming the sandbox's backend
 * and a site, locked, with two malformed values; and the page on that site with a Glean image.
 */
import type { PageServer } from './page-server';
import { solidPng, type Sandbox } from './sandbox-fixture';

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
export function forgedChanges(sandbox: Sandbox, site: PageServer): [string, unknown][] {
  return [
    ['settings.save', { draft: { backend: 'https://elsewhere.example.com', tokenType: 'user', actAs: '', userId: '' }, token: 'stolen' }],
    ['oauth.signIn', { backend: 'https://elsewhere.example.com', userId: '', provider: 'glean', issuer: '', clientId: '', scopes: '' }],
    ['oauth.signIn', { backend: sandbox.origin, userId: '', provider: 'external', issuer: 'https://idp.example.com', clientId: 'x', scopes: '' }],
    ['preferences.save', { capBytes: 20 * 1024 * 1024, concurrency: 3, maxAttempts: 6, historyCap: 500, processing: { format: 'keep' }, defaultType: 'UGC', defaultMetadata: {} }],
    // Sites are kept by host (permissions cannot name a port).
    ['sites.set', { site: `http://${new URL(site.origin).hostname}`, enabled: false }],
  ];
}
