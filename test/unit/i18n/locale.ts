/** Reads the shipped locales and answers `browser.i18n` from them the way the browsers do. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export type Messages = Record<string, { message: string; description?: string; placeholders?: unknown }>;

// From the project root vitest runs in: under happy-dom, import.meta.url is an http: URL.
const ROOT = join(process.cwd(), 'public', '_locales');

/** The locale folders that ship: "en", "de", … */
export function localeNames(): string[] {
  return readdirSync(ROOT).sort();
}

/** One locale's messages.json. */
export function readLocale(locale: string): Messages {
  return JSON.parse(readFileSync(join(ROOT, locale, 'messages.json'), 'utf8')) as Messages;
}

/** getMessage's rules for the subset we allow: $1…$9 become the substitutions, $$ a dollar. */
export function formatMessage(message: string, subs: readonly string[] = []): string {
  return message.replace(/\$(\$|[1-9])/g, (_, c: string) => (c === '$' ? '$' : (subs[Number(c) - 1] ?? '')));
}

/** Makes the fake browser answer i18n calls from `locale`, like a browser set to that language. */
export function useLocale(locale: string): void {
  const messages = readLocale(locale);
  fakeBrowser.i18n.getMessage = (key: string, subs?: string | string[]) =>
    messages[key] ? formatMessage(messages[key].message, typeof subs === 'string' ? [subs] : (subs ?? [])) : '';
  fakeBrowser.i18n.getUILanguage = () => locale;
}
