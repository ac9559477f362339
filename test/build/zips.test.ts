/**
 * The store packages `npm run zip` makes: each browser's zip holds exactly its build, and the
 * Firefox sources zip holds what rebuilding needs and no tests, dependencies or build output.
 * Run by `npm run check`, which makes the zips first.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_DIR, buildFiles, readPackageJson } from './builds';

/** File names in a zip, from its central directory. */
export function zipEntries(file: string): string[] {
  const zip = readFileSync(file);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error(`${file} is not a zip`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names.filter((n) => !n.endsWith('/')).sort();
}

const { name, version } = readPackageJson();
const zipPath = (suffix: string) => join(OUTPUT_DIR, `${name}-${version}-${suffix}.zip`);
// `npm run check` (part of `npm test`) makes the zips first; a missing zip is a failure.
describe('store zips', () => {
  it('makes all three: Chrome, Firefox and the Firefox sources', () => {
    for (const s of ['chrome', 'firefox', 'sources']) expect(existsSync(zipPath(s)), zipPath(s)).toBe(true);
  });

  it('packs exactly the Chrome build', () => {
    expect(zipEntries(zipPath('chrome'))).toEqual(buildFiles('chrome-mv3'));
  });

  it('packs exactly the Firefox build', () => {
    expect(zipEntries(zipPath('firefox'))).toEqual(buildFiles('firefox-mv3'));
  });

  it('puts in the sources zip what `npm ci && npm run build` needs, and no tests or dependencies', () => {
    const entries = zipEntries(zipPath('sources'));
    for (const needed of ['package.json', 'package-lock.json', 'wxt.config.ts', 'tsconfig.json', 'README.md', 'entrypoints/background.ts', 'public/icon/128.png', 'public/_locales/en/messages.json', 'public/_locales/de/messages.json']) {
      expect(entries, needed).toContain(needed);
    }
    expect(entries.some((e) => e.startsWith('src/'))).toBe(true);
    const unwanted = entries.filter(
      (e) =>
        /(^|\/)node_modules\//.test(e) ||
        /(^|\/)\.[^/]+/.test(e) || // dotfiles and dot-directories (.git, .output, .wxt, .ci)
        (e.startsWith('test/') && e !== 'test/sandbox/png.ts') ||
        /\.(test|spec)\.[cm]?[jt]sx?$/.test(e) ||
        e.startsWith('test-results/') ||
        e.startsWith('docs/') || // the README's screenshots
        e.endsWith('.zip'),
    );
    expect(unwanted).toEqual([]);
  });
});
