/**
 * Reads the extension's source with the TypeScript parser to find the words a user would see that
 * do not come from a locale, and every message key the code asks for.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = new URL('../../../', import.meta.url).pathname;

export interface Found {
  file: string;
  line: number;
  text: string;
}

export interface KeyUse extends Found {
  /** How many substitutions the call passes ($1… it fills); the count itself for tCount. */
  subs: number;
  plural: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every source file that ends up in a build, relative to the project root. */
export function sourceFiles(): string[] {
  return [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'entrypoints'))].map((p) => relative(ROOT, p)).sort();
}

function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

// Attributes whose text is read or shown to people.
const SHOWN_ATTRIBUTES = /^(title|alt|placeholder|label|hint|args|aria-label|aria-description|aria-roledescription|aria-valuetext)$/;
// A capitalised word ("Retry", "Copy key") or two words of letters ("size unknown").
const LOOKS_LIKE_WORDS = /^\p{Lu}\p{Ll}|\p{L}{2,}[ ’']+\p{L}{2,}/u;

function lineOf(sf: ts.SourceFile, node: ts.Node): number {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

/** Inside console.* (developer output) or an attribute nobody reads (class, type, data-*). */
function inCodeOnlyPlace(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isCallExpression(n) && /^console\./.test(n.expression.getText())) return true;
    if (ts.isJsxAttribute(n)) return !SHOWN_ATTRIBUTES.test(n.name.getText());
    if (ts.isBlock(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}

// Places where a string is code, not words: module names, types, property and key names,
// comparisons (`e.key === 'Enter'`), switch cases and an error class's `name`.
function isCodeString(node: ts.Node): boolean {
  const p = node.parent;
  return (
    (ts.isPropertyDeclaration(p) && p.name.getText() === 'name') ||
    (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.left.getText() === 'this.name') ||
    ts.isImportDeclaration(p) ||
    ts.isExportDeclaration(p) ||
    ts.isExternalModuleReference(p) ||
    ts.isLiteralTypeNode(p) ||
    (ts.isPropertyAssignment(p) && p.name === node) ||
    ts.isElementAccessExpression(p) ||
    ts.isCaseClause(p) ||
    (ts.isBinaryExpression(p) && /^(===|!==|==|!=)$/.test(p.operatorToken.getText())) ||
    inCodeOnlyPlace(node)
  );
}

/** Text in `file` that a person may read and that no locale supplies. */
export function hardCodedStrings(file: string): Found[] {
  const sf = parse(file);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (/\p{L}/u.test(node.text)) found.push({ file, line: lineOf(sf, node), text: node.text.trim() });
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const shownAttribute = ts.isJsxAttribute(node.parent) && SHOWN_ATTRIBUTES.test(node.parent.name.getText());
      if ((shownAttribute && /\p{L}/u.test(node.text)) || (!isCodeString(node) && LOOKS_LIKE_WORDS.test(node.text))) {
        found.push({ file, line: lineOf(sf, node), text: node.text });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function literal(node: ts.Node | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** Each `t('key', …)`, `tCount('key', n, …)` and `<Message id="key" args={[…]} />` with a literal key. */
export function keyUses(file: string): KeyUse[] {
  const sf = parse(file);
  const uses: KeyUse[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^(t|tCount)$/.test(node.expression.text)) {
      const key = literal(node.arguments[0]);
      const plural = node.expression.text === 'tCount';
      const spread = node.arguments.some(ts.isSpreadElement);
      if (key && !spread) uses.push({ file, line: lineOf(sf, node), text: key, subs: node.arguments.length - 1, plural });
    }
    if ((ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) && node.tagName.getText() === 'Message') {
      const attr = (name: string) => node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
      const key = literal(attr('id')?.initializer);
      const args = attr('args')?.initializer;
      const list = args && ts.isJsxExpression(args) && args.expression && ts.isArrayLiteralExpression(args.expression) ? args.expression : undefined;
      if (key) uses.push({ file, line: lineOf(sf, node), text: key, subs: list?.elements.length ?? 0, plural: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses;
}

/** Every string literal in `file`: a key written anywhere (a table of keys) counts as used. */
export function allLiterals(file: string): Set<string> {
  const sf = parse(file);
  const out = new Set<string>();
  const visit = (node: ts.Node): void => {
    const text = literal(node);
    if (text !== undefined) out.add(text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}
