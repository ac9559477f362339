/** Gives an extension page the language and title of the messages it shows. */
import { messageLanguage, t, type MessageKey } from '../i18n/t';

/** Sets `<html lang>` to the locale the browser chose for our messages, and the page's title. */
export function localisePage(title: MessageKey): void {
  document.documentElement.lang = messageLanguage();
  document.title = t(title);
}
