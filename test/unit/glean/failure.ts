// Test helper: awaits a promise that must reject with a GleanError, and returns that error.
import { expect } from 'vitest';
import { GleanError } from '../../../src/glean/errors';

/** The GleanError `p` rejects with; fails the test when it resolves or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<GleanError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GleanError);
    return e as GleanError;
  }
  throw new Error('expected a failure');
}
