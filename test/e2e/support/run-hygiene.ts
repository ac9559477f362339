/**
 * The e2e run's global setup: it gives the run a private temp folder (TMPDIR, which Node, the
 * browsers and their profiles all use) and checks at the end that the run left the working tree
 * as it found it and nothing in that folder, then removes it. Either finding fails the run: a
 * newcomer's `npm test` must not leave changed files or litter behind.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The tree's state: which paths differ from HEAD, and what the differences are. `npm run
 * screenshots` (GLEAN_DOC_SHOTS=1) is meant to rewrite the README's pictures, so it leaves them out.
 */
export function treeState(root = ROOT): string {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  // Outside a git checkout (an unpacked sources zip) there is no tree to compare.
  try {
    git('rev-parse', '--is-inside-work-tree');
  } catch {
    return 'not a git checkout';
  }
  const paths = process.env.GLEAN_DOC_SHOTS === '1' ? ['--', '.', ':(exclude)docs/screenshots'] : [];
  const status = git('status', '--porcelain', '--untracked-files=all', ...paths);
  const diff = createHash('sha256').update(git('diff', 'HEAD', '--binary', ...paths)).digest('hex');
  return `${status}\ndiff ${diff}`;
}

/** Entries left in `dir`, one level deep, with the first few of each folder's contents. */
export function leftovers(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/ (${readdirSync(join(dir, e.name)).slice(0, 5).join(', ')})` : e.name));
}

export default function setup(): () => void {
  const before = treeState();
  const outer = process.env.TMPDIR;
  const temp = mkdtempSync(join(tmpdir(), 'glean-e2e-'));
  // Set before the test forks start, so they and every browser they launch inherit it.
  process.env.TMPDIR = temp;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    const problems: string[] = [];
    const left = leftovers(temp);
    if (left.length) problems.push(`the run left ${left.length} entries in its temp folder: ${left.join('; ')}`);
    rmSync(temp, { recursive: true, force: true });
    if (treeState() !== before) {
      problems.push(`the run changed the working tree (git status --porcelain now:\n${execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' })})`);
    }
    if (problems.length) {
      // Vitest only logs an error thrown here; the exit code is what a CI run and `npm test` see.
      console.error(`e2e run hygiene: ${problems.join('\n')}`);
      process.exitCode = 1;
    }
  };
}
