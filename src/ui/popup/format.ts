/** Small wording helpers shared by the popup's tabs. */
import { messageLanguage, t, tCount } from '../../i18n/t';
import { MessageError } from '../../messaging/send';

// Made once: toLocaleString with options builds a formatter per call, and a list of 40 uploads
// formats sizes on every progress event (a quarter of a second of the popup's time, measured).
const decimalFormats = new Map<string, Intl.NumberFormat>();

/** One decimal in the UI language's notation ("14.2", "14,2"). */
function oneDecimal(n: number): string {
  const lang = messageLanguage();
  let format = decimalFormats.get(lang);
  if (!format) decimalFormats.set(lang, (format = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return format.format(n);
}

/** A byte count for people: "812 B", "14.2 KB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${oneDecimal(bytes / 1024)} KB`;
  return `${oneDecimal(bytes / (1024 * 1024))} MB`;
}

/** "640 × 480", or "size unknown" before the image has loaded. */
export function formatDimensions(width: number, height: number): string {
  return width > 0 && height > 0 ? `${width} × ${height}` : t('popup_sizeUnknown');
}

/** "PNG" from "image/png", "SVG" from "image/svg+xml". */
export function formatType(mime: string): string {
  const sub = mime.split('/')[1]?.split(/[+;]/)[0]?.toLowerCase();
  if (!sub) return t('popup_unknownType');
  if (sub === 'x-icon' || sub === 'vnd.microsoft.icon') return 'ICO';
  return sub === 'webp' ? 'WebP' : sub.toUpperCase();
}

/** The message of anything thrown: the background's own words for a MessageError. */
export function messageOf(e: unknown): string {
  if (e instanceof MessageError) return e.info.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The error's kind when the background sent one. */
export function kindOf(e: unknown): string | undefined {
  return e instanceof MessageError ? e.info.kind : undefined;
}

/** Plain words for a failed lookup: 400, 401, not found and 429 get their own sentence. */
export function lookupErrorText(e: unknown): string {
  if (!(e instanceof MessageError)) return messageOf(e);
  const { kind, retryAfterSeconds } = e.info;
  switch (kind) {
    case 'bad-request':
      return t('popup_lookupBadRequest');
    case 'unauthorized':
      return t('popup_lookupUnauthorized');
    case 'not-found':
      return t('popup_lookupNotFound');
    case 'rate-limited':
      return retryAfterSeconds === undefined
        ? t('popup_lookupRateLimited')
        : tCount('popup_lookupRetryIn', retryAfterSeconds);
    default:
      return e.info.message;
  }
}

/** The last part of a URL's path, for naming a page image or a download. */
export function fileNameOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:') return t('popup_inlineImage');
    const last = decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? '');
    return last || u.hostname;
  } catch {
    return url.slice(0, 60);
  }
}

/** A local time for "until…" and history dates, in the language of the sentence around it. */
export function formatTime(epochMs: number, withDate = false): string {
  const d = new Date(epochMs);
  const lang = messageLanguage();
  return withDate ? d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }) : d.toLocaleTimeString(lang);
}
