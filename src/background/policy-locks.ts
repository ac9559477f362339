/**
 * The background's refusals of changes to what a locking policy sets. The options page shows those
 * fields read-only, but any extension page can send messages, so the handlers check here too.
 */
import { GleanError } from '../glean/errors';
import { t, type MessageKey } from '../i18n/t';
import type { CheckedSignIn } from '../oauth/config';
import type { Settings } from '../settings/types';
import type { UploadPreferences } from '../settings/upload-preferences';
import { lockingPolicy } from './policy-source';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function refuse(what: MessageKey): never {
  throw new GleanError('invalid-input', t('policy_locked', t(what)));
}

/** settings.save (an API token): the backend and the sign-in method may be locked. */
export async function checkTokenSettings(settings: Settings): Promise<void> {
  const policy = await lockingPolicy();
  if (policy?.apiBase && policy.apiBase !== settings.apiBase) refuse('options_backendLabel');
  if (policy?.signIn && policy.signIn.method !== 'token') refuse('options_signInMethod');
}

/** oauth.signIn: the backend, and the whole OAuth client when the policy sets the sign-in. */
export async function checkSignIn({ apiBase, config }: CheckedSignIn): Promise<void> {
  const policy = await lockingPolicy();
  if (policy?.apiBase && policy.apiBase !== apiBase) refuse('options_backendLabel');
  const signIn = policy?.signIn;
  if (signIn && (signIn.method !== 'oauth' || !same(signIn.oauth, config))) refuse('options_signInMethod');
}

/** preferences.save: the size limit and the right-click defaults. */
export async function checkPreferences(prefs: UploadPreferences): Promise<void> {
  const policy = await lockingPolicy();
  if (policy?.capBytes !== undefined && policy.capBytes !== prefs.capBytes) refuse('options_capMbLabel');
  const click = policy?.rightClick;
  if (click && (click.type !== prefs.defaultType || !same(click.metadata, prefs.defaultMetadata))) refuse('options_rightClickTitle');
}

/** sites.set: a site the policy names stays enabled. */
export async function checkSiteChange(site: string, enabled: boolean): Promise<void> {
  const policy = await lockingPolicy();
  if (!enabled && policy?.sites?.includes(site)) refuse('options_sitesTitle');
}

/** sites.everywhere.set: the "every site" choice, when the policy makes it. */
export async function checkEverywhere(everywhere: boolean): Promise<void> {
  const policy = await lockingPolicy();
  if (policy?.everywhere !== undefined && policy.everywhere !== everywhere) refuse('options_everywhereLabel');
}
