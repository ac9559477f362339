/**
 * Follows the organisation's policy: on install, on every start, when Chrome reports a change, and
 * when the browser grants a site the policy names. Locked values are written whenever they differ;
 * unlocked ones only when the policy value is new or changed, so what a person chose afterwards
 * stays theirs until the admin changes that value again.
 */
import { browser } from 'wxt/browser';
import { loadAppliedPolicy, storeAppliedPolicy, type AppliedPolicy } from '../db/policy-applied';
import { loadUploadPreferences, storeUploadPreferences } from '../db/preferences';
import { deleteSecret } from '../db/secrets';
import { loadSettings, storeSettings } from '../db/settings';
import { loadEverywhere, loadSites, storeEverywhere, storeSites } from '../db/sites';
import { policyValues } from '../policy/parse';
import type { Policy, PolicyField } from '../policy/types';
import { ALL_SITES_PERMISSION } from '../sites/everywhere';
import { sitePattern } from '../sites/site-url';
import { credentialsChanged } from './credentials';
import { signOut } from './oauth-account';
import { readPolicy } from './policy-source';
import { syncContentScripts } from './site-access';

type Due = (field: PolicyField, value: unknown) => boolean;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function applyConnection(policy: Policy, due: Due): Promise<void> {
  const before = await loadSettings();
  const next = { ...before };
  if (policy.apiBase && due('backend', policy.apiBase)) next.apiBase = policy.apiBase;
  const signIn = policy.signIn;
  if (signIn && due('signIn', signIn)) {
    // An OAuth token acts as its user: no act-as, as after a sign-in (oauth-sign-in.ts).
    if (signIn.method === 'oauth') Object.assign(next, { authMethod: 'oauth', oauth: signIn.oauth, tokenType: 'user', actAs: '' });
    else next.authMethod = 'token';
  }
  if (same(next, before)) return;
  // A credential belongs to the backend and sign-in server it was made for: never carried to others.
  const moved = before.apiBase !== next.apiBase || (before.oauth && next.oauth && !same(before.oauth, next.oauth));
  if (moved) await deleteSecret('apiToken');
  if (moved || (before.authMethod === 'oauth' && next.authMethod !== 'oauth')) await signOut().catch(() => undefined);
  await storeSettings(next);
  await credentialsChanged();
}

async function applyUploads(policy: Policy, due: Due): Promise<void> {
  const before = await loadUploadPreferences();
  const next = { ...before };
  if (policy.capBytes && due('capBytes', policy.capBytes)) next.capBytes = policy.capBytes;
  if (policy.rightClick && due('rightClick', policy.rightClick)) {
    next.defaultType = policy.rightClick.type;
    next.defaultMetadata = policy.rightClick.metadata;
  }
  if (!same(next, before)) await storeUploadPreferences(next);
}

const granted = (pattern: string) => browser.permissions.contains({ origins: [pattern] }).catch(() => false);

/** Enables the policy's sites the browser has granted (each once without a lock); returns those taken. */
async function applySites(policy: Policy, applied: AppliedPolicy, due: Due): Promise<string[]> {
  const taken: string[] = [];
  const sites = new Set(await loadSites());
  const size = sites.size;
  for (const site of policy.sites ?? []) {
    if (!(await granted(sitePattern(site)))) continue;
    if (policy.lock || !applied.sites.includes(site)) sites.add(site);
    taken.push(site);
  }
  let changed = sites.size !== size;
  if (changed) await storeSites([...sites].sort());
  if (policy.everywhere !== undefined && due('everywhere', policy.everywhere) && (await loadEverywhere()) !== policy.everywhere) {
    // "Every site" needs the browser's grant of every site, as when a person opts in.
    if (!policy.everywhere || (await granted(ALL_SITES_PERMISSION))) {
      await storeEverywhere(policy.everywhere);
      changed = true;
    }
  }
  if (changed) await syncContentScripts();
  return taken;
}

let running: Promise<void> = Promise.resolve();

/** Brings the settings in line with the policy; calls never overlap, failures only log. */
export function applyPolicy(): Promise<void> {
  running = running.then(applyOnce).catch((e: unknown) => console.error('Applying the policy failed:', e));
  return running;
}

async function applyOnce(): Promise<void> {
  const { policy } = await readPolicy();
  const applied = await loadAppliedPolicy();
  const due: Due = (field, value) => policy.lock || applied.values[field] !== JSON.stringify(value);
  await applyConnection(policy, due);
  await applyUploads(policy, due);
  const sites = await applySites(policy, applied, due);
  const values: AppliedPolicy['values'] = {};
  for (const [field, value] of Object.entries(policyValues(policy))) values[field as PolicyField] = JSON.stringify(value);
  // "Every site" waits for its grant like a site does: recorded once it took effect (and kept after).
  if (policy.everywhere && applied.values.everywhere !== values.everywhere && !(await loadEverywhere())) delete values.everywhere;
  await storeAppliedPolicy({ values, sites: [...new Set([...applied.sites.filter((s) => policy.sites?.includes(s)), ...sites])] });
}
