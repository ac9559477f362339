/** Gives an extension page the language and title of the messages it shows. */
import { t, type MessageKey } from '../i18n/t';

/** Sets `<html lang>` to the locale the browser chose for our messages, and the page's title. */
export function localisePage(title: MessageKey): void {
  // The locale that answered, not the browser's: with no translation for it the page is English.
  document.documentElement.lang = t('page_lang');
  document.title = t(title);
}
