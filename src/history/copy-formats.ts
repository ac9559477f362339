/**
 * The ways an uploaded image can be copied: its key, its URL, and ready-made Markdown and HTML.
 * Plain functions so the popup's upload result and its history share them, and tests can check
 * the escaping without a DOM.
 */
import { t, type MessageKey } from '../i18n/t';

/** What the copy formats need from an upload. */
export interface CopySource {
  key: string;
  url: string;
  /** Text for `alt`; a file name or the metadata usually. */
  alt: string;
}

export type CopyFormat = 'key' | 'url' | 'markdown' | 'html';

/** A format with the keys of its button and its confirmation; getters, so the words are looked up when shown. */
function copyFormat(format: CopyFormat, labelKey: MessageKey, doneKey: MessageKey) {
  return {
    format,
    labelKey,
    doneKey,
    get label(): string {
      return t(labelKey);
    },
    get done(): string {
      return t(doneKey);
    },
  };
}

/** The formats in the order the buttons show them, with the buttons' words. */
export const COPY_FORMATS = [
  copyFormat('key', 'common_copyKey', 'history_keyCopied'),
  copyFormat('url', 'common_copyUrl', 'history_urlCopied'),
  copyFormat('markdown', 'common_copyMarkdown', 'history_markdownCopied'),
  copyFormat('html', 'common_copyHtml', 'history_htmlCopied'),
] as const;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML attribute value in double (or single) quotes, or for text content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Alt text for Markdown: brackets and backslashes escaped, line breaks folded to spaces. */
export function escapeMarkdownAlt(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/**
 * A URL safe inside Markdown's `(...)`: spaces, parentheses and angle brackets percent-encoded,
 * which keeps the URL meaning the same while the Markdown stays one link.
 */
export function escapeMarkdownUrl(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The text one format puts on the clipboard. */
export function formatCopy(format: CopyFormat, source: CopySource): string {
  switch (format) {
    case 'key':
      return source.key;
    case 'url':
      return source.url;
    case 'markdown':
      return `![${escapeMarkdownAlt(source.alt)}](${escapeMarkdownUrl(source.url)})`;
    case 'html':
      return `<img src="${escapeHtml(source.url)}" alt="${escapeHtml(source.alt.replace(/\s*[\r\n]+\s*/g, ' '))}">`;
  }
}

/** Alt text for an upload: the file name without its extension, else the type and id. */
export function altFor(upload: { fileName?: string; metadata: { type: string; id?: string } }): string {
  const name = upload.fileName?.replace(/\.[a-z0-9]{1,5}$/i, '').trim();
  if (name) return name;
  return [upload.metadata.type.toLowerCase(), upload.metadata.id].filter(Boolean).join(' ');
}
