/**
 * Checks what the browser hands over as managed storage. Chrome has already held it to
 * public/managed_schema.json; Firefox passes policies.json on as written, so every type is checked
 * here too. A malformed value is left out with a note in words, never thrown: the rest of the policy
 * and everything the user set stay as they are.
 */
import { normalizeBackendUrl } from '../glean/backend-url';
import { isGleanError } from '../glean/errors';
import { IMAGE_TYPES, type ImageType } from '../glean/types';
import { t } from '../i18n/t';
import { LIMITS } from '../messaging/protocol';
import { validateSignIn } from '../oauth/config';
import { siteFromInput } from '../sites/site-input';
import type { Policy, PolicyField, PolicyNote, PolicySignIn } from './types';

/** The upload size limit a policy may set, in MB: the options page's own bounds. */
export const POLICY_MB = [1, 200] as const;
const MB = 1024 * 1024;
const METHODS = ['glean', 'external', 'token'] as const;

type Raw = Record<string, unknown>;

const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= LIMITS.fieldLength;

function backend(raw: Raw, note: (key: string, message: string) => void): string | undefined {
  const value = raw.BaseUrl;
  if (value === undefined) return undefined;
  if (!isText(value)) return void note('BaseUrl', t('policy_notText'));
  try {
    return normalizeBackendUrl(value);
  } catch (e) {
    return void note('BaseUrl', isGleanError(e) ? e.message : t('settings_notGleanAddress'));
  }
}

function signIn(raw: Raw, apiBase: string | undefined, note: (key: string, message: string) => void): PolicySignIn | undefined {
  const method = raw.SignInMethod;
  if (method === undefined) return undefined;
  if (!(METHODS as readonly unknown[]).includes(method)) return void note('SignInMethod', t('policy_notOneOf', METHODS.join(', ')));
  if (method === 'token') return { method: 'token' };
  // An OAuth sign-in belongs to a backend: without a usable BaseUrl there is nothing to sign in to.
  if (!apiBase) return void note('SignInMethod', t('policy_needsBaseUrl'));
  const text = (key: string) => {
    const v = raw[key];
    if (v === undefined) return '';
    if (isText(v)) return v;
    note(key, t('policy_notText'));
    return null;
  };
  const [issuer, clientId, scopes] = [text('OAuthIssuer'), text('OAuthClientId'), text('OAuthScopes')];
  if (issuer === null || clientId === null || scopes === null) return void note('SignInMethod', t('policy_signInIgnored'));
  const checked = validateSignIn({ backend: apiBase, userId: '', provider: method === 'external' ? 'external' : 'glean', issuer, clientId, scopes });
  if ('errors' in checked) {
    const keys = { issuer: 'OAuthIssuer', clientId: 'OAuthClientId', scopes: 'OAuthScopes' } as Record<string, string>;
    for (const e of checked.errors) note(keys[e.field] ?? 'SignInMethod', e.message);
    return void note('SignInMethod', t('policy_signInIgnored'));
  }
  return { method: 'oauth', oauth: checked.value.config };
}

function sites(raw: Raw, note: (key: string, message: string) => void): string[] | undefined {
  const value = raw.ShowImagesOnSites;
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return void note('ShowImagesOnSites', t('policy_notList'));
  const found = new Set<string>();
  for (const item of value) {
    const site = isText(item) ? siteFromInput(item) : null;
    if (site) found.add(site);
    // One bad entry costs only itself.
    else note('ShowImagesOnSites', t('policy_notSite', typeof item === 'string' ? item : JSON.stringify(item)));
  }
  return [...found].sort();
}

function rightClick(raw: Raw, note: (key: string, message: string) => void): Policy['rightClick'] {
  const { RightClickType: type, RightClickMetadata: meta } = raw;
  if (type === undefined && meta === undefined) return undefined;
  if (type !== undefined && !(IMAGE_TYPES as readonly unknown[]).includes(type)) {
    return void note('RightClickType', t('policy_notOneOf', IMAGE_TYPES.join(', ')));
  }
  const metadata: Record<string, string> = {};
  if (meta !== undefined) {
    const fields = { Id: 'id', Datasource: 'ds', ContentId: 'cid' } as const;
    const bad = typeof meta !== 'object' || meta === null || Array.isArray(meta) ||
      Object.entries(meta).some(([k, v]) => !Object.hasOwn(fields, k) || !isText(v));
    if (bad) return void note('RightClickMetadata', t('policy_notMetadata'));
    for (const [k, v] of Object.entries(meta as Record<keyof typeof fields, string>)) if (v.trim()) metadata[fields[k as keyof typeof fields]] = v.trim();
  }
  const chosen = (type ?? 'UGC') as ImageType;
  // The options page refuses a USER default without an ID; so does the policy.
  if (chosen === 'USER' && !metadata.id) return void note('RightClickType', t('options_userTypeNeedsId'));
  return { type: chosen, metadata };
}

function flag(raw: Raw, key: string, note: (key: string, message: string) => void): boolean | undefined {
  const value = raw[key];
  if (value === undefined || typeof value === 'boolean') return value;
  return void note(key, t('policy_notYesNo'));
}

/** The policy and the notes on what was ignored; anything but an object is no policy at all. */
export function parsePolicy(raw: unknown): { policy: Policy; notes: PolicyNote[] } {
  const notes: PolicyNote[] = [];
  const note = (key: string, message: string) => void notes.push({ key, message });
  const r: Raw = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Raw) : {};
  const policy: Policy = { lock: flag(r, 'LockSettings', note) ?? false };
  const apiBase = backend(r, note);
  if (apiBase) policy.apiBase = apiBase;
  const method = signIn(r, apiBase, note);
  if (method) policy.signIn = method;
  const list = sites(r, note);
  if (list) policy.sites = list;
  const everywhere = flag(r, 'ShowImagesOnEverySite', note);
  if (everywhere !== undefined) policy.everywhere = everywhere;
  const click = rightClick(r, note);
  if (click) policy.rightClick = click;
  const mb = r.MaxUploadSizeMB;
  if (typeof mb === 'number' && Number.isFinite(mb) && mb >= POLICY_MB[0] && mb <= POLICY_MB[1]) policy.capBytes = Math.round(mb * MB);
  else if (mb !== undefined) note('MaxUploadSizeMB', t('options_capMbRange', POLICY_MB[0], POLICY_MB[1]));
  return { policy, notes };
}

/** The groups of settings the policy sets, with their values (absent when it sets none). */
export function policyValues(policy: Policy): Partial<Record<PolicyField, unknown>> {
  const all: Record<PolicyField, unknown> = {
    backend: policy.apiBase, signIn: policy.signIn, sites: policy.sites, everywhere: policy.everywhere,
    rightClick: policy.rightClick, capBytes: policy.capBytes,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}
