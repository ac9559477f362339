/**
 * The production builds the store packages are made from (`npm run build` or `npm run zip` writes
 * them), read as files: these tests look at what ships, not at the config that made it.
 * `BUILD_OUTPUT_DIR` points them at another output directory.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUTPUT_DIR = resolve(REPO_ROOT, process.env.BUILD_OUTPUT_DIR ?? '.output');

export const BUILDS = ['chrome-mv3', 'firefox-mv3'] as const;
export type BuildName = (typeof BUILDS)[number];

/** A manifest as JSON: only the keys the tests read are typed. */
export interface Manifest {
  manifest_version: number;
  name: string;
  description?: string;
  default_locale?: string;
  version: string;
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[]; js?: string[] }[];
  web_accessible_resources?: { resources: string[]; matches?: string[]; use_dynamic_url?: boolean }[];
  externally_connectable?: { ids?: string[]; matches?: string[]; accepts_tls_channel_id?: boolean };
  content_security_policy?: unknown;
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> | string; default_popup?: string; default_title?: string };
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: {
    gecko?: {
      id?: string;
      strict_min_version?: string;
      data_collection_permissions?: { required?: string[]; optional?: string[] };
    };
    gecko_android?: { strict_min_version?: string };
  };
  [key: string]: unknown;
}

export function buildDir(build: BuildName): string {
  return join(OUTPUT_DIR, build);
}

/** The build's manifest; throws with what to run when the build is missing. */
export function readManifest(build: BuildName): Manifest {
  const file = join(buildDir(build), 'manifest.json');
  if (!existsSync(file)) {
    throw new Error(`${relative(REPO_ROOT, file)} is missing: run npm run build (or npm run zip) first.`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** Every file of the build, relative to its root, with forward slashes. */
export function buildFiles(build: BuildName): string[] {
  const root = buildDir(build);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      else out.push(relative(root, abs).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

export function readBuildFile(build: BuildName, file: string): string {
  return readFileSync(join(buildDir(build), file), 'utf8');
}

export function readPackageJson(): { name: string; displayName?: string; description?: string; version: string } {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
}
