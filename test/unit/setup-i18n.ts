// Unit tests see the English messages, as a browser set to English would.
import { useLocale } from './i18n/locale';

useLocale('en');
