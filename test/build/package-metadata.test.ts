/**
 * What the stores show and check besides permissions: name and description from the locales
 * (English equal to package.json's), version from package.json, icons at every size they ask for, and Firefox's id, minimum version and data
 * collection declaration.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, buildDir, readManifest, readPackageJson } from './builds';

/** Chrome Web Store: 16, 32, 48, 128; addons.mozilla.org: 48 and 96 (32 and 64 optional). */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** The Firefox floor the APIs need (optional_host_permissions); the data consent raises it. */
const FIREFOX_API_FLOOR = 128;
/** Firefox shows data_collection_permissions at install from 140 (desktop) and 142 (Android). */
const FIREFOX_CONSENT_DESKTOP = 140;
const FIREFOX_CONSENT_ANDROID = 142;

/** What the extension sends to the user's Glean backend (see wxt.config.ts). */
const DATA_SENT = ['authenticationInfo', 'personallyIdentifyingInfo', 'websiteContent'];

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const major = (v: string | undefined) => Number.parseInt(v ?? '0', 10);

describe.each(BUILDS)('%s manifest: store metadata', (build) => {
  const manifest = () => readManifest(build);

  /** The built locales: folder name -> messages. */
  const locales = () => {
    const root = join(buildDir(build), '_locales');
    return Object.fromEntries(
      readdirSync(root).map((l) => [l, JSON.parse(readFileSync(join(root, l, 'messages.json'), 'utf8')) as Record<string, { message: string }>]),
    );
  };
  /** The manifest's text in one locale: `__MSG_key__` looked up, anything else as it is. */
  const inLocale = (text: string | undefined, messages: Record<string, { message: string }>) =>
    (text ?? '').replace(/^__MSG_(\w+)__$/, (_, key: string) => messages[key]?.message ?? `missing ${key}`);

  it('ships its locales, English the default', () => {
    const m = manifest();
    expect(m.default_locale).toBe('en');
    expect(Object.keys(locales())).toEqual(expect.arrayContaining(['en', 'de']));
  });

  it('takes the English name and description from package.json, and the version', () => {
    const pkg = readPackageJson();
    const m = manifest();
    const en = locales().en!;
    expect(inLocale(m.name, en)).toBe(pkg.displayName);
    expect(inLocale(m.description, en)).toBe(pkg.description);
    expect(inLocale(m.action?.default_title, en)).toBe(pkg.displayName);
    expect(m.version).toBe(pkg.version);
  });

  it('keeps within the stores’ length limits in every language', () => {
    const m = manifest();
    for (const [locale, messages] of Object.entries(locales())) {
      const name = inLocale(m.name, messages);
      const description = inLocale(m.description, messages);
      expect(name, locale).not.toMatch(/^missing /);
      expect(description, locale).not.toMatch(/^missing /);
      expect(name.length, locale).toBeLessThanOrEqual(45);
      expect(description.length, locale).toBeLessThanOrEqual(132);
    }
  });

  it('has an icon at every size the stores ask for, each a square PNG of that size', () => {
    const { icons = {} } = manifest();
    expect(Object.keys(icons).map(Number).sort((a, b) => a - b)).toEqual([...ICON_SIZES]);
    for (const [size, path] of Object.entries(icons)) {
      const file = join(buildDir(build), path);
      expect(existsSync(file), `${path} is missing`).toBe(true);
      expect(pngSize(file)).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  it('gives the toolbar button its icons', () => {
    const icon = manifest().action?.default_icon;
    expect(typeof icon).toBe('object');
    const entries = Object.entries(icon as Record<string, string>);
    expect(entries.map(([size]) => size)).toEqual(expect.arrayContaining(['16', '32']));
    for (const [size, path] of entries) {
      expect(pngSize(join(buildDir(build), path))).toEqual({ width: Number(size), height: Number(size) });
    }
  });
});

describe('firefox-mv3 manifest: Firefox settings', () => {
  const gecko = () => readManifest('firefox-mv3').browser_specific_settings?.gecko;

  it('has a fixed add-on id', () => {
    expect(gecko()?.id).toMatch(/^[\w.-]*@[\w.-]+$/);
  });

  it('requires a Firefox that has the APIs and shows the data consent', () => {
    const bss = readManifest('firefox-mv3').browser_specific_settings;
    expect(major(bss?.gecko?.strict_min_version)).toBeGreaterThanOrEqual(Math.max(FIREFOX_API_FLOOR, FIREFOX_CONSENT_DESKTOP));
    expect(major(bss?.gecko_android?.strict_min_version ?? bss?.gecko?.strict_min_version)).toBeGreaterThanOrEqual(FIREFOX_CONSENT_ANDROID);
  });

  it('declares the data it sends, and not "none"', () => {
    const required = gecko()?.data_collection_permissions?.required ?? [];
    expect(required).not.toContain('none');
    expect(required).toEqual(expect.arrayContaining(DATA_SENT));
    // No analytics or telemetry: nothing technical is collected, optionally or not.
    expect(gecko()?.data_collection_permissions?.optional ?? []).not.toContain('technicalAndInteraction');
  });
});

describe('chrome-mv3 manifest: Chrome settings', () => {
  it('carries no Firefox-only settings', () => {
    expect(readManifest('chrome-mv3')).not.toHaveProperty('browser_specific_settings');
  });

  it('runs its background as a service worker', () => {
    expect(readManifest('chrome-mv3').background?.service_worker).toBeTruthy();
  });
});
