/** The policy e2e tests' guard: without root they are skipped with the reason, never run or passed. */
import { describe, expect, it, vi } from 'vitest';
import { cannotWritePolicies, CHROMIUM_POLICY_FILE, FIREFOX_POLICY_FILE } from '../../e2e/support/policy-files';

describe('cannotWritePolicies', () => {
  it('gives the reason when not root', () => {
    vi.spyOn(process, 'getuid').mockReturnValue(1000);
    expect(cannotWritePolicies(CHROMIUM_POLICY_FILE)).toBe(`not root: ${CHROMIUM_POLICY_FILE} (machine-wide browser policy) cannot be written; run as root, as CI does`);
    expect(cannotWritePolicies(FIREFOX_POLICY_FILE)).toMatch(/^not root: /);
  });
});
