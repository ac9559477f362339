/**
 * The e2e build carries a hook for firing the right-click listener in Firefox; store packages must
 * not. The hook's port name must appear in no production file, and the e2e build must have it (so
 * this test would notice if the name changed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, buildFiles, OUTPUT_DIR, readBuildFile } from './builds';

const HOOK = 'e2e-menu-click';

describe('no test hooks in production builds', () => {
  it.each(BUILDS)('%s has no e2e hook', (build) => {
    const carrying = buildFiles(build).filter((f) => f.endsWith('.js') && readBuildFile(build, f).includes(HOOK));
    expect(carrying).toEqual([]);
  });

  it('the e2e build, made by npm run build:e2e, does have it', () => {
    const background = join(OUTPUT_DIR, 'firefox-mv3-e2e', 'background.js');
    expect(existsSync(background), `${background} (run npm run build:e2e)`).toBe(true);
    expect(readFileSync(background, 'utf8')).toContain(HOOK);
  });
});
