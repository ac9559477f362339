/**
 * Facts the README states that code owns: the size budgets (scripts/size-report.ts) and the
 * reviewed `web-ext lint` warnings (scripts/lint-firefox.ts). The chunk the README names for the
 * lint warning depends on a build, so test/build/readme-lint-chunk.test.ts checks that one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REVIEWED_WARNINGS } from '../../scripts/lint-firefox';
import { BUDGETS } from '../../scripts/size-report';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** The README's bullet that starts with `**title**`, up to the next bullet, as one line. */
const bullet = (title: string) => {
  const m = new RegExp(`^- \\*\\*${title}\\*\\*[\\s\\S]*?(?=^- |^#|(?![\\s\\S]))`, 'm').exec(readme);
  if (!m) throw new Error(`README has no "${title}" bullet`);
  return m[0].replace(/\s+/g, ' ');
};

describe('README facts', () => {
  it('states the size budgets size-report.ts enforces, in its order', () => {
    const stated = [...bullet('Size budgets').matchAll(/(\d+(?:\.\d+)?) KB/g)].map((m) => Number(m[1]));
    expect(stated).toEqual(BUDGETS.map((b) => b.maxGzip / 1024));
  });

  it('counts and names the reviewed web-ext lint warnings', () => {
    const line = bullet('`web-ext lint`');
    const count = /0 errors, (\d+) warnings?/.exec(line)?.[1];
    expect(Number(count)).toBe(REVIEWED_WARNINGS.length);
    for (const w of REVIEWED_WARNINGS) expect(line).toContain(`\`${w.code}\``);
  });
});
