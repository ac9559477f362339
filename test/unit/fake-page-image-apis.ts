/**
 * What WXT's fake browser lacks for the page-image code: an in-memory declarativeNetRequest
 * session-rule store (enough for the background to install its rules and for tests to read them
 * back; like the browser, it refuses a rule id that is already there), and webRequest events that
 * keep their listeners (tests that drive traffic replace them with their own).
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

type Listener = (...args: never[]) => unknown;
/** An event that keeps its listeners, like the browser's, and can be fired by a test. */
function event() {
  const listeners = new Set<Listener>();
  return {
    addListener: (l: Listener) => void listeners.add(l),
    removeListener: (l: Listener) => void listeners.delete(l),
    hasListener: (l: Listener) => listeners.has(l),
    listeners,
  };
}
(fakeBrowser as unknown as { webRequest: unknown }).webRequest = {
  onHeadersReceived: event(),
  onCompleted: event(),
  onErrorOccurred: event(),
};
