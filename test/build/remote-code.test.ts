/**
 * No remote or dynamically built code in what ships (both stores refuse it, and MV3's CSP would
 * block most of it anyway), and none of the few source constructs the store notes promise we
 * avoid.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, REPO_ROOT, buildFiles, readBuildFile } from './builds';

const REMOTE = String.raw`(?:https?:|\/\/|data:|blob:)`;

/** Constructs in built JavaScript that run code from strings or from elsewhere. */
export const FORBIDDEN_IN_JS: readonly { what: string; pattern: RegExp }[] = [
  { what: 'eval(', pattern: /(?<![\w$.])eval\s*\(/ },
  { what: 'new Function(', pattern: /\bnew\s+Function\s*\(/ },
  { what: 'Function( called as a constructor', pattern: /(?<![\w$.])Function\s*\(\s*["'`]/ },
  { what: 'setTimeout/setInterval with a string', pattern: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/ },
  { what: 'importScripts of a remote URL', pattern: new RegExp(String.raw`\bimportScripts\s*\(\s*["'\`]${REMOTE}`) },
  { what: 'import() of a remote URL', pattern: new RegExp(String.raw`\bimport\s*\(\s*["'\`]${REMOTE}`) },
  { what: 'static import of a remote URL', pattern: new RegExp(String.raw`\b(?:from|import)\s*["'\`]${REMOTE}`) },
  { what: 'a <script> element made at run time', pattern: /createElement\s*\(\s*["'`]script["'`]/i },
];

/** Constructs in built HTML that load code from elsewhere or inline. */
export const FORBIDDEN_IN_HTML: readonly { what: string; pattern: RegExp }[] = [
  { what: '<script src> of a remote URL', pattern: new RegExp(String.raw`<script\b[^>]*\bsrc\s*=\s*["']?${REMOTE}`, 'i') },
  { what: '<link href> of a remote URL', pattern: new RegExp(String.raw`<link\b[^>]*\bhref\s*=\s*["']?${REMOTE}`, 'i') },
  { what: 'an inline <script>', pattern: /<script\b(?![^>]*\bsrc\s*=)[^>]*>/i },
  { what: '<iframe>/<object>/<embed>', pattern: /<(?:iframe|object|embed)\b/i },
  { what: 'an inline event handler', pattern: /<[^>]+\son[a-z]+\s*=/i },
];

/** Source constructs the README's store notes say we do not use. */
export const FORBIDDEN_IN_SOURCES: readonly { what: string; pattern: RegExp }[] = [
  { what: 'dangerouslySetInnerHTML (the one way to Preact innerHTML, lint warning UNSAFE_VAR_ASSIGNMENT)', pattern: /dangerouslySetInnerHTML/ },
  { what: 'innerHTML/outerHTML assignment', pattern: /\.(?:inner|outer)HTML\s*[+]?=/ },
  { what: 'insertAdjacentHTML', pattern: /\binsertAdjacentHTML\b/ },
  { what: 'document.write', pattern: /\bdocument\.write(?:ln)?\s*\(/ },
  { what: 'a listener for other extensions or web pages (onMessageExternal/onConnectExternal)', pattern: /\bon(?:Message|Connect)External\b/ },
];

function offences(text: string, rules: readonly { what: string; pattern: RegExp }[]): string[] {
  const found: string[] = [];
  for (const { what, pattern } of rules) {
    const m = pattern.exec(text);
    if (m) found.push(`${what}: ...${text.slice(Math.max(0, m.index - 40), m.index + 60)}...`);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(abs));
    else if (/\.(ts|tsx|js|html)$/.test(entry.name)) out.push(abs);
  }
  return out;
}

describe.each(BUILDS)('%s build: no remote code', (build) => {
  it('has JavaScript and HTML to check', () => {
    const files = buildFiles(build);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    expect(files.some((f) => f.endsWith('.html'))).toBe(true);
  });

  it('runs no code from strings or remote URLs in any script', () => {
    const found = buildFiles(build)
      .filter((f) => /\.(m?js)$/.test(f))
      .flatMap((f) => offences(readBuildFile(build, f), FORBIDDEN_IN_JS).map((o) => `${f}: ${o}`));
    expect(found).toEqual([]);
  });

  it('loads only packaged scripts from its pages', () => {
    const found = buildFiles(build)
      .filter((f) => f.endsWith('.html'))
      .flatMap((f) => offences(readBuildFile(build, f), FORBIDDEN_IN_HTML).map((o) => `${f}: ${o}`));
    expect(found).toEqual([]);
  });

  it('ships no WebAssembly, source maps or other executable payloads', () => {
    expect(buildFiles(build).filter((f) => /\.(wasm|map|exe|so|dll|dylib)$/.test(f))).toEqual([]);
  });
});

describe('sources', () => {
  it('use none of the constructs the store notes rule out', () => {
    const files = [...sourceFiles(join(REPO_ROOT, 'src')), ...sourceFiles(join(REPO_ROOT, 'entrypoints'))];
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) =>
      offences(readFileSync(f, 'utf8'), FORBIDDEN_IN_SOURCES).map((o) => `${relative(REPO_ROOT, f)}: ${o}`),
    );
    expect(found).toEqual([]);
  });
});

describe('the rules themselves', () => {
  it('catch what they name and pass ordinary code', () => {
    const caught = [
      'x=eval("1")',
      'new Function("return 1")',
      'Function("a","return a")',
      'setTimeout("alert(1)",1)',
      'importScripts("https://cdn.example/x.js")',
      'import("https://cdn.example/x.js")',
      'import(`//cdn.example/x.js`)',
      'import{a}from"https://cdn.example/x.js"',
      'document.createElement("script")',
    ];
    for (const code of caught) expect(offences(code, FORBIDDEN_IN_JS), code).not.toEqual([]);
    const fine = ['obj.eval(1)', 'isFunction(x)', 'import(`./sniff-1.js`)', 'import{a}from"./base.js"', 'setTimeout(fn,1)'];
    for (const code of fine) expect(offences(code, FORBIDDEN_IN_JS), code).toEqual([]);
    expect(offences('<script src="https://cdn.example/x.js"></script>', FORBIDDEN_IN_HTML)).not.toEqual([]);
    expect(offences('<script>alert(1)</script>', FORBIDDEN_IN_HTML)).not.toEqual([]);
    expect(offences('<script type="module" crossorigin src="/chunks/popup.js"></script>', FORBIDDEN_IN_HTML)).toEqual([]);
  });
});
