/**
 * Reads the organisation's policy from managed storage, fresh each time: it is what locks are
 * checked against, so a stale copy must never decide. Firefox for Android has no managed storage,
 * and Firefox rejects the read when no policy names the extension: both mean "no policy".
 */
import { browser } from 'wxt/browser';
import { parsePolicy } from '../policy/parse';
import type { Policy, PolicyNote } from '../policy/types';

/** The checked policy and its notes; an empty, unlocked policy when there is none. */
export async function readPolicy(): Promise<{ policy: Policy; notes: PolicyNote[] }> {
  const managed = browser.storage?.managed;
  const raw = managed ? await managed.get().catch(() => ({})) : {};
  return parsePolicy(raw);
}

/** The policy when it locks what it sets, else null. */
export async function lockingPolicy(): Promise<Policy | null> {
  const { policy } = await readPolicy();
  return policy.lock ? policy : null;
}

/** Calls `listener` when the browser says the policy changed (Chrome does; Firefox reads it at start). */
export function onPolicyChanged(listener: () => void): void {
  browser.storage?.onChanged.addListener((_changes, area) => {
    if (area === 'managed') listener();
  });
}
