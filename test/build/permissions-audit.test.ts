/**
 * Permissions audit of the production manifests of both builds: the extension asks for the least it
 * can, and anything more fails here until it is justified in the lists below (which a store
 * reviewer can read as they are).
 */

import { describe, expect, it } from 'vitest';
import { BUILDS, buildFiles, readBuildFile, readManifest, type Manifest } from './builds';

/** API permissions granted at install, and why each is needed. Nothing else may be asked for. */
export const ALLOWED_PERMISSIONS: Readonly<Record<string, string>> = {
  scripting:
    'registers the content script for exactly the sites the user enabled (registerContentScripts) ' +
    'and injects the page tools into the tab the user acts on (executeScript)',
  alarms: 'wakes the background to resume the persistent upload queue after a backoff or Retry-After wait',
  contextMenus: 'the "Upload to Glean" menu on images and image links',
  activeTab:
    'temporary access to the tab the user right-clicked or opened the popup on, instead of host ' +
    'permissions for every site',
  identity: 'OAuth sign-in to Glean through identity.launchWebAuthFlow, instead of pasting a token',
  declarativeNetRequestWithHostAccess:
    "session rules that add the user's Glean token to image loads from the sites the user enabled to " +
    "the backend's images endpoint (and nothing else), so pages show Glean images without the " +
    'extension writing into them; acts only where host access was granted, no install warning',
  webRequest:
    "reads (never changes or blocks) the outcome of those image loads, to tell in the popup why a " +
    "Glean image did not show and to pause page loads after Glean's 429; no install warning",
  storage:
    "reads storage.managed, the configuration an organisation sets through browser policy (Chrome's " +
    'managed storage, Firefox policies.json); nothing is written to storage.local or storage.sync: ' +
    'settings and tokens stay in IndexedDB; no install warning',
};

/**
 * Permissions that would show a warning at install (Chrome's and Firefox's prompt lists): none may
 * be asked for, so the extension installs without a prompt beyond its data-collection consent.
 */
const WARNING_PERMISSIONS = ['declarativeNetRequest', 'webRequestBlocking', 'browsingData', 'tabs', 'history', 'webNavigation', 'downloads', 'clipboardRead', 'cookies'];

/** Host permissions granted at install: none. Every host is optional and asked for when used. */
export const ALLOWED_HOST_PERMISSIONS: readonly string[] = [];

/** Optional hosts, each requested for one origin at a time when the user acts. */
export const ALLOWED_OPTIONAL_HOST_PERMISSIONS: Readonly<Record<string, string>> = {
  'https://*/*':
    "the user's Glean backend (any https host) when settings are saved, each site the user enables " +
    'for showing Glean images, and the site of an image the user uploads (to read its bytes); ' +
    'each requested for its one origin inside the click, never as the whole pattern',
  'http://127.0.0.1/*': 'a Glean-compatible server on this computer (the local sandbox), asked for like any backend',
  'http://localhost/*': 'the same, by name',
};

/** Patterns that would give access to every site. */
const BROAD_PATTERN = /^(<all_urls>|(\*|https?|wss?|ftp):\/\/\*\/.*|file:\/\/\/.*)$/;

/** The default CSP of Manifest V3 extension pages, which a manifest may spell out but not loosen. */
const DEFAULT_CSP = "script-src 'self'; object-src 'self';";

const normaliseCsp = (csp: string) => csp.trim().replace(/\s+/g, ' ').replace(/;?$/, ';');

const manifest = (build: (typeof BUILDS)[number]): Manifest & { storage?: unknown } => readManifest(build);

describe.each(BUILDS)('%s manifest: permissions audit', (build) => {

  it('is Manifest V3', () => {
    expect(manifest(build).manifest_version).toBe(3);
  });

  it('asks only for allow-listed API permissions, with no host in them', () => {
    const { permissions = [], optional_permissions = [] } = manifest(build);
    for (const p of [...permissions, ...optional_permissions]) {
      expect(p, `"${p}" is not in ALLOWED_PERMISSIONS (test/build/permissions-audit.test.ts): justify it there or drop it`).toSatisfy(
        (x: string) => Object.hasOwn(ALLOWED_PERMISSIONS, x),
      );
    }
  });

  it('never asks for "tabs" (activeTab and sender.tab cover what it would give)', () => {
    const { permissions = [], optional_permissions = [] } = manifest(build);
    expect([...permissions, ...optional_permissions]).not.toContain('tabs');
    for (const p of WARNING_PERMISSIONS) expect([...permissions, ...optional_permissions], p).not.toContain(p);
  });

  it('has no host permission at install', () => {
    const { host_permissions = [] } = manifest(build);
    expect(host_permissions.filter((h) => !ALLOWED_HOST_PERMISSIONS.includes(h))).toEqual([]);
    expect(host_permissions.filter((h) => BROAD_PATTERN.test(h))).toEqual([]);
  });

  it('asks for hosts only as the allow-listed optional permissions, never <all_urls>', () => {
    const { optional_host_permissions = [] } = manifest(build);
    expect(optional_host_permissions).not.toContain('<all_urls>');
    for (const h of optional_host_permissions) {
      expect(Object.hasOwn(ALLOWED_OPTIONAL_HOST_PERMISSIONS, h), `optional host "${h}" is not justified`).toBe(true);
    }
  });

  it('declares no content script: they are registered at run time for enabled sites only', () => {
    const { content_scripts = [] } = manifest(build);
    expect(content_scripts).toEqual([]);
  });

  it('exposes no resources to web pages', () => {
    const { web_accessible_resources = [] } = manifest(build);
    expect(web_accessible_resources).toEqual([]);
  });

  it('lets no web page or other extension connect', () => {
    const { externally_connectable: ec } = manifest(build);
    if (ec === undefined) return;
    expect(ec.ids ?? []).toEqual([]);
    expect(ec.matches ?? []).toEqual([]);
  });

  it('keeps the default content security policy', () => {
    const { content_security_policy: csp } = manifest(build);
    if (csp === undefined) return;
    expect(Object.keys(csp as object)).toEqual(['extension_pages']);
    expect(normaliseCsp((csp as { extension_pages: string }).extension_pages)).toBe(DEFAULT_CSP);
  });

  it('has no key that loads code or pages from elsewhere or widens access', () => {
    const m = manifest(build);
    for (const key of ['sandbox', 'chrome_url_overrides', 'devtools_page', 'declarative_net_request', 'oauth2', 'key', 'update_url']) {
      expect(m, `unexpected manifest key "${key}"`).not.toHaveProperty(key);
    }
  });
});

describe.each(BUILDS)('%s: the storage permission serves managed storage only', (build) => {
  it('has no code that reads or writes storage.local, storage.sync or storage.session', () => {
    const js = buildFiles(build).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    for (const file of js) {
      expect(readBuildFile(build, file), file).not.toMatch(/\bstorage\s*(?:\?\.)?\s*\.?\s*(?:local|sync|session)\b/);
    }
    expect(js.some((f) => /storage\s*(?:\?\.|\.)\s*managed/.test(readBuildFile(build, f)))).toBe(true);
  });

  it('names the managed schema (Chrome; Firefox takes policies.json as it is), and only the store identity', () => {
    const m = manifest(build);
    if (build === 'chrome-mv3') expect(m.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(buildFiles(build)).toContain('managed_schema.json');
    // The policy e2e build's identity never reaches a store package.
    expect(JSON.stringify(m)).not.toContain('policy-test');
  });
});

describe('the audit itself', () => {
  it('recognises broad patterns', () => {
    for (const p of ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*', 'https://*/path/*', 'file:///*']) {
      expect(BROAD_PATTERN.test(p), p).toBe(true);
    }
    for (const p of ['https://acme-be.glean.com/*', 'http://127.0.0.1/*', 'https://*.glean.com/*']) {
      expect(BROAD_PATTERN.test(p), p).toBe(false);
    }
  });

  it('gives a reason for every allowed permission and host', () => {
    for (const why of [...Object.values(ALLOWED_PERMISSIONS), ...Object.values(ALLOWED_OPTIONAL_HOST_PERMISSIONS)]) {
      expect(why.length).toBeGreaterThan(10);
    }
  });
});
