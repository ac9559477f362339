/**
 * Machine-wide policy files for the policy e2e tests, naming only the policy build's own identity
 * (`npm run build:e2e` makes .output/chrome-mv3-policy and firefox-mv3-policy; wxt.config.ts gives
 * them a fixed Chromium id and a gecko id of their own), so no other install on this machine,
 * another engineer's test browsers included, is affected. Writing them needs root; where that is
 * not possible the tests are skipped with the reason, never passed.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const output = (name: string) => fileURLToPath(new URL(`../../../.output/${name}`, import.meta.url));
export const CHROME_POLICY_BUILD = output('chrome-mv3-policy');
export const FIREFOX_POLICY_BUILD = output('firefox-mv3-policy');

/** Chromium on Linux reads every JSON file in this folder (Chrome: /etc/opt/chrome/policies/managed). */
export const CHROMIUM_POLICY_FILE = '/etc/chromium/policies/managed/glean-images-policy-test.json';
/**
 * Debian's firefox-esr reads policies.json from /etc/firefox/policies/ (verified with
 * about:policies and storage.managed on Firefox ESR 153; see test/e2e/firefox/policy.e2e.test.ts).
 * There is one such file for the whole machine, so a file that is not ours is never overwritten.
 */
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';
const OURS = 'glean-images-policy-test';

/** Chromium's extension id for a manifest `key`: the SHA-256 of the key's bytes, first 32 hex digits as a-p. */
export function chromiumIdOf(build = CHROME_POLICY_BUILD): string {
  const { key } = JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')) as { key?: string };
  if (!key) throw new Error(`${build} has no manifest key: run npm run build:e2e`);
  const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** The policy build's gecko id. */
export function geckoIdOf(build = FIREFOX_POLICY_BUILD): string {
  return JSON.parse(readFileSync(join(build, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
}

/** Why policy files cannot be written here, or null when they can. */
export function cannotWritePolicies(file: string): string | null {
  if (process.getuid?.() !== 0) return `not root: ${file} (machine-wide browser policy) cannot be written; run as root, as CI does`;
  try {
    accessSync('/etc', constants.W_OK);
  } catch {
    return `/etc is not writable, so ${file} cannot be written`;
  }
  if (file === FIREFOX_POLICY_FILE && existsSync(file) && !readFileSync(file, 'utf8').includes(OURS)) {
    return `${file} exists and is not this test's: it is left alone`;
  }
  return null;
}

/** Folders this process created for policy files, deepest first, removed again when left empty. */
const made: string[] = [];

function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) missing.push(d);
  mkdirSync(dir, { recursive: true });
  made.push(...missing.filter((d) => !made.includes(d)));
}

/** Writes Chromium's policy for the test extension: `3rdparty.extensions.<id>` = `values`. */
export function writeChromiumPolicy(extensionId: string, values: Record<string, unknown>): void {
  makeFolder(dirname(CHROMIUM_POLICY_FILE));
  writeFileSync(CHROMIUM_POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }, null, 2));
}

/** Writes Firefox's policies.json: `policies.3rdparty.Extensions.<id>` = `values`, and nothing else. */
export function writeFirefoxPolicy(geckoId: string, values: Record<string, unknown>): void {
  makeFolder(dirname(FIREFOX_POLICY_FILE));
  // The marker lets a later run recognise (and remove) a file it left; Firefox ignores unknown top-level keys.
  writeFileSync(FIREFOX_POLICY_FILE, JSON.stringify({ [OURS]: true, policies: { '3rdparty': { Extensions: { [geckoId]: values } } } }, null, 2));
}

/** Removes a policy file this module wrote (never another). */
export function removePolicy(file: string): void {
  if (existsSync(file) && file === FIREFOX_POLICY_FILE && !readFileSync(file, 'utf8').includes(OURS)) return;
  rmSync(file, { force: true });
  for (const dir of made) if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}
