/**
 * The README's user guide shows the pictures the e2e run takes (test/e2e/support/doc-shots.ts):
 * each one it links exists, and each one taken is linked, so a renamed or new shot is not lost.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const linked = [...readme.matchAll(/docs\/screenshots\/([\w-]+\.png)/g)].map((m) => m[1]!);
const dir = new URL('docs/screenshots/', root);
const taken = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.png')) : [];

describe('README screenshots', () => {
  it('links pictures of every part of the extension', () => {
    expect(new Set(linked).size).toBeGreaterThanOrEqual(10);
  });

  it('each linked picture exists, and each picture taken is linked', () => {
    expect([...new Set(linked)].sort()).toEqual(taken.sort());
  });
});
