/**
 * Every word a user sees comes through here, from public/_locales/<locale>/messages.json, so the
 * browser picks the language (its UI language, English when we have no translation).
 * test/unit/i18n/ checks that each key used in code exists in every locale with the same $1…$9.
 */
import { browser } from 'wxt/browser';
// A type-only import: the keys are checked at compile time and nothing of the file is bundled.
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** Keys that come as a pair `<base>_one` / `<base>_other`, chosen by the count's plural form. */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}_other` ? (`${B}_one` extends MessageKey ? B : never) : never }[MessageKey];

/** The message in the user's language, with $1…$9 replaced by `subs` in order. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  // Chrome answers "" for an unknown key; the key itself is at least findable in a bug report.
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

/**
 * The language of our messages ("en", "de"): the browser's own when we have a translation for it,
 * else English. Numbers, dates and plural forms follow it, so they match the sentence around them.
 */
export function messageLanguage(): string {
  return t('page_lang');
}

let rules: Intl.PluralRules | undefined;

/** The `_one` or `_other` form of a counted message; `$1` is the count. */
export function tCount(base: PluralKey, count: number, ...subs: (string | number)[]): string {
  rules ??= new Intl.PluralRules(messageLanguage());
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return t(`${base}_${form}` as MessageKey, count, ...subs);
}
