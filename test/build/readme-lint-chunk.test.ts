/**
 * The README's store notes name the chunk `web-ext lint` warns about (an innerHTML assignment in
 * Preact's renderer). Rollup names a shared chunk after its first module, so the name moves when
 * imports do; this checks the named chunk is the one in the Firefox build that has the assignment.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REVIEWED_WARNINGS } from '../../scripts/lint-firefox';
import { OUTPUT_DIR, REPO_ROOT } from './builds';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const chunksDir = join(OUTPUT_DIR, 'firefox-mv3', 'chunks');

describe('README: the chunk web-ext lint warns about', () => {
  it('is the Firefox build chunk that assigns innerHTML, under the reviewed pattern', () => {
    const named = [...readme.matchAll(/`chunks\/([\w-]+)-\*\.js`/g)].map((m) => m[1]);
    expect(named).toHaveLength(1);
    const assigning = readdirSync(chunksDir).filter((f) => /\.innerHTML\s*=/.test(readFileSync(join(chunksDir, f), 'utf8')));
    expect(assigning).toHaveLength(1);
    const [file] = assigning;
    expect(file).toMatch(new RegExp(`^${named[0]}-[\\w-]+\\.js$`));
    expect(REVIEWED_WARNINGS.some((w) => w.file.test(`chunks/${file}`))).toBe(true);
  });
});
