/** Small wording helpers shared by the popup's tabs. */
import { MessageError } from '../../messaging/send';

/** A byte count for people: "812 B", "14.2 KB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "640 × 480", or "size unknown" before the image has loaded. */
export function formatDimensions(width: number, height: number): string {
  return width > 0 && height > 0 ? `${width} × ${height}` : 'size unknown';
}

/** "PNG" from "image/png", "SVG" from "image/svg+xml". */
export function formatType(mime: string): string {
  const sub = mime.split('/')[1]?.split(/[+;]/)[0]?.toLowerCase();
  if (!sub) return 'unknown type';
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
      return 'Glean did not accept this request (400). Check the key, or the type and IDs.';
    case 'unauthorized':
      return 'Glean refused the token (401). Check it in the settings.';
    case 'not-found':
      return 'No image found: nothing is stored under this key or these details.';
    case 'rate-limited':
      return retryAfterSeconds === undefined
        ? 'Glean is getting too many requests (429). Try again in a little while.'
        : `Glean is getting too many requests (429). Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`;
    default:
      return e.info.message;
  }
}

/** The last part of a URL's path, for naming a page image or a download. */
export function fileNameOf(url: string): string {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:') return 'inline image';
    const last = decodeURIComponent(u.pathname.split('/').filter(Boolean).pop() ?? '');
    return last || u.hostname;
  } catch {
    return url.slice(0, 60);
  }
}

/** A local time for "until…" and history dates. */
export function formatTime(epochMs: number, withDate = false): string {
  const d = new Date(epochMs);
  return withDate ? d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : d.toLocaleTimeString();
}
