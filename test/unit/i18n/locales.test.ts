/**
 * The locales agree with each other and with the code: every key the code asks for exists in
 * every locale, with the $1… the call fills, and no locale has a key the others lack.
 */
import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json';
import { formatMessage, localeNames, readLocale } from './locale';
import { allLiterals, keyUses, sourceFiles } from './source-strings';

const locales = localeNames();
const en = readLocale('en');
const files = sourceFiles();
const uses = files.flatMap(keyUses);

/** The $n a message uses, as a sorted list ("$1,$2"). */
function dollars(message: string): string {
  return [...new Set(message.match(/\$[1-9]/g) ?? [])].sort().join(',');
}

function highest(message: string): number {
  return Math.max(0, ...(message.match(/\$[1-9]/g) ?? []).map((d) => Number(d[1])));
}

describe('locales', () => {
  it('ships English and at least one translation', () => {
    expect(locales).toContain('en');
    expect(locales.length).toBeGreaterThanOrEqual(2);
  });

  it.each(locales.filter((l) => l !== 'en'))('%s has exactly the English keys, each translated with the same placeholders', (locale) => {
    const other = readLocale(locale);
    expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
    const mismatched = Object.keys(en).filter((k) => dollars(en[k]!.message) !== dollars(other[k]!.message));
    expect(mismatched).toEqual([]);
  });

  it.each(locales)('%s: every message is non-empty and uses only numbered placeholders', (locale) => {
    const messages = readLocale(locale);
    const bad = Object.entries(messages).filter(([, m]) => !m.message.trim() || /\$(?![1-9$])/.test(m.message.replace(/\$\$/g, '')) || m.placeholders);
    expect(bad.map(([k]) => k)).toEqual([]);
  });

  it.each([
    ['en', /"([^"]*)"/g],
    ['de', /„([^“]*)“/g],
  ] as const)('%s: a message quoting a label or menu entry quotes it as that locale words it', (locale, quotes) => {
    const messages = readLocale(locale);
    const trim = (s: string) => s.replace(/[.…:]+$/, '').trim();
    const own = new Set(Object.values(messages).map((m) => trim(m.message)));
    // Shortened labels ("Act as (e-mail)") and the Glean admin console's own English words.
    const elsewhere = new Set(['Act as', 'Im Namen von', 'Server instance', 'About']);
    const stray = Object.entries(messages).flatMap(([key, m]) =>
      [...m.message.matchAll(quotes)]
        .map((q) => q[1]!)
        .filter((q) => /\p{L}{2}/u.test(q) && !q.includes('$') && !own.has(trim(q)) && !elsewhere.has(q))
        .map((q) => `${key}: ${q}`),
    );
    expect(stray).toEqual([]);
  });

  it('English name and description are the ones in package.json, and fit the stores in every locale', () => {
    expect(en.extName!.message).toBe(pkg.displayName);
    expect(en.extDescription!.message).toBe(pkg.description);
    for (const locale of locales) {
      const m = readLocale(locale);
      expect(m.extName!.message.length).toBeLessThanOrEqual(75);
      expect(m.extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });
});

describe('keys in code', () => {
  it('finds the calls it checks', () => {
    // Guards the scanner itself: if it stopped recognising calls, the checks below would pass empty.
    expect(uses.length).toBeGreaterThan(100);
    expect(uses.some((u) => u.plural)).toBe(true);
  });

  it.each(locales)('every key used in code exists in %s', (locale) => {
    const messages = readLocale(locale);
    const missing = uses.flatMap((u) => (u.plural ? [`${u.text}_one`, `${u.text}_other`] : [u.text]).filter((k) => !messages[k]).map((k) => `${u.file}:${u.line} ${k}`));
    expect(missing).toEqual([]);
  });

  it('each call passes as many substitutions as its English message has $n', () => {
    const wrong = uses.flatMap((u) => {
      // tCount passes the count as $1; a language may leave it out of its "one" form.
      const wants = u.plural ? Math.max(highest(en[`${u.text}_one`]?.message ?? ''), highest(en[`${u.text}_other`]?.message ?? '')) : highest(en[u.text]?.message ?? '');
      return wants === u.subs ? [] : [`${u.file}:${u.line} ${u.text} has $${wants} but the call passes ${u.subs}`];
    });
    expect(wrong).toEqual([]);
  });

  it('every English key is used somewhere (no leftovers for translators to keep up)', () => {
    const literals = new Set(files.flatMap((f) => [...allLiterals(f)]));
    const manifestKeys = ['extName', 'extDescription', 'cmd_screenshotVisible', 'cmd_screenshotRegion', 'cmd_screenshotPage'];
    const unused = Object.keys(en).filter((k) => !manifestKeys.includes(k) && !literals.has(k) && !literals.has(k.replace(/_(one|other)$/, '')));
    expect(unused).toEqual([]);
  });
});

describe('the test double', () => {
  it('substitutes like the browsers: $1…$9 in order, $$ as a dollar, missing ones empty', () => {
    expect(formatMessage('$2 of $1 cost $$3', ['a', 'b'])).toBe('b of a cost $3');
    expect(formatMessage('Hello $1$2', ['x'])).toBe('Hello x');
  });
});
