/**
 * Names text that arrives where an image was expected: an HTML error or login page, an SVG, XML
 * from a storage bucket, JSON from an API, or plain text. The user sees the name, so it has to be
 * right about the common cases and merely honest about the rest.
 */
import type { SniffRefusal } from './types';

/** The refusal for SVG, shared so pages can recognise it (and rasterise instead of refusing). */
export const SVG_REFUSAL: SniffRefusal = { ok: false, what: 'image_refusedSvg', names: ['SVG', 'PNG'] };

// Elements an HTML page or fragment (an error page, say) commonly starts with.
const HTML_TAGS = new Set(
  'html head body meta title script style link div p span a table h1 h2 h3 br img iframe noscript center pre form'.split(' '),
);

/** Decodes the head as text, honouring a UTF-16 byte order mark; a UTF-8 BOM is dropped. */
function decode(head: Uint8Array): string {
  let encoding = 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) encoding = 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) encoding = 'utf-16be';
  return new TextDecoder(encoding).decode(head);
}

/** True when nearly every character is printable: binary data is full of controls and U+FFFD. */
function looksLikeText(text: string): boolean {
  if (text.length === 0) return false;
  let odd = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0) return false;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0xfffd) odd++;
  }
  // A multi-byte character cut at the end of the head decodes to one U+FFFD; allow a little.
  return odd <= 1 + text.length / 100;
}

/** Markup: skip the XML prolog, comments and doctype, then judge by the first element. */
function describeMarkup(text: string): SniffRefusal | undefined {
  let rest = text;
  let doctype = '';
  let prolog = false;
  for (;;) {
    rest = rest.trimStart();
    const lower = rest.slice(0, 9).toLowerCase();
    const close = lower.startsWith('<?') ? '?>' : lower.startsWith('<!--') ? '-->' : lower.startsWith('<!doctype') ? '>' : '';
    if (!close) break;
    const at = rest.indexOf(close);
    if (at < 0) return undefined; // unterminated within the head: too little to go on
    if (close === '?>') prolog = true;
    if (close === '>') doctype = rest.slice(9, at).trim().toLowerCase();
    rest = rest.slice(at + close.length);
  }
  const tag = /^<([a-zA-Z][\w.-]*(?::[\w.-]+)?)/.exec(rest)?.[1]?.toLowerCase();
  if (doctype.startsWith('svg') || tag === 'svg' || tag?.endsWith(':svg')) return SVG_REFUSAL;
  // After an XML prolog only <html> itself says HTML (XHTML); other names are XML's own.
  const htmlTag = tag === 'html' || (tag !== undefined && !prolog && HTML_TAGS.has(tag));
  if (doctype.startsWith('html') || htmlTag) {
    return { ok: false, what: 'image_refusedHtml', names: ['HTML'] };
  }
  if (tag !== undefined) return { ok: false, what: 'image_refusedXml', names: ['XML'] };
  return undefined;
}

/** What text in the head is, or undefined when the bytes are not text. */
export function describeText(head: Uint8Array): SniffRefusal | undefined {
  const text = decode(head.subarray(0, 4096));
  if (!looksLikeText(text)) return undefined;
  const trimmed = text.trimStart(); // also drops a U+FEFF left by UTF-16
  if (trimmed.startsWith('<')) {
    const markup = describeMarkup(trimmed);
    if (markup) return markup;
  }
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { ok: false, what: 'image_refusedJson', names: ['JSON'] };
  return { ok: false, what: 'image_refusedText' };
}
