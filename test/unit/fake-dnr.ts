/**
 * An in-memory declarativeNetRequest session-rule store for WXT's fake browser, which has none:
 * enough for the background to install its page-image rules and for tests to read them back.
 * Like the browser, it refuses a rule id that is already there.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

type Rule = { id: number } & Record<string, unknown>;

let rules: Rule[] = [];

/** The session rules in force. */
export function sessionRules(): Rule[] {
  return structuredClone(rules);
}

const dnr = fakeBrowser.declarativeNetRequest as unknown as Record<string, unknown>;
dnr.getSessionRules = async () => sessionRules();
dnr.updateSessionRules = async ({ removeRuleIds = [], addRules = [] }: { removeRuleIds?: number[]; addRules?: Rule[] }) => {
  const kept = rules.filter((r) => !removeRuleIds.includes(r.id));
  for (const r of addRules) if (kept.some((k) => k.id === r.id)) throw new Error(`Rule with id ${r.id} exists`);
  rules = [...kept, ...structuredClone(addRules)];
};

/** Empties the store (between tests that check what was installed). */
export function clearSessionRules(): void {
  rules = [];
}
