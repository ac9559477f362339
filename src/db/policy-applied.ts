import type { PolicyField } from '../policy/types';
import { getRecord, setRecord } from './records';

/**
 * What the extension last took from the organisation's policy: each group's value (as JSON) and
 * the policy's sites already enabled. Without a lock a policy value is written once, when it is
 * new or changed, so a person's own later choice is not overwritten at every start.
 */
export interface AppliedPolicy {
  values: Partial<Record<PolicyField, string>>;
  sites: string[];
}

const NAME = 'policyApplied';

/** The record, or an empty one before any policy was applied. */
export async function loadAppliedPolicy(): Promise<AppliedPolicy> {
  return (await getRecord<AppliedPolicy>(NAME)) ?? { values: {}, sites: [] };
}

/** Replaces the record. */
export async function storeAppliedPolicy(applied: AppliedPolicy): Promise<void> {
  await setRecord(NAME, applied);
}
