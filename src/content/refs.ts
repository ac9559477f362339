/**
 * What counts as a Glean image reference: a URL of the configured backend's GET /images, by key or
 * by metadata, in any parameter order and encoding, absolute or relative. Anything else (other
 * hosts, other paths, a key mixed with metadata, an unknown type) is not ours and stays as it is.
 */
import { IMAGE_TYPES, type ImageQuery, type ImageType } from '../glean/types';
import { LIMITS } from '../messaging/protocol';

const META = ['type', 'id', 'ds', 'cid'] as const;

/** The images endpoint of an API base, as origin + decoded path, for comparing URLs against. */
export function imagesEndpoint(apiBase: string): string | null {
  try {
    const u = new URL(`${apiBase.replace(/\/+$/, '')}/images`);
    return u.origin + decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
}

const ABSOLUTE = /^([a-z][a-z0-9+.-]*:|[\\/]{2})/i;

/** Reads URLs of one page against one backend's images endpoint. */
export type RefMatcher = (raw: string) => ImageQuery | null;

/**
 * A matcher for URLs written in a page at `baseUrl`: the reference each names, or null. Cheap
 * string checks come first, since a page may hold many URLs that merely look alike.
 */
export function refMatcher(baseUrl: string, endpoint: string): RefMatcher {
  const end = new URL(endpoint);
  let sameOrigin = false;
  try {
    sameOrigin = new URL(baseUrl).origin === end.origin;
  } catch {
    // No usable base: only absolute URLs can be references.
  }
  const host = end.hostname;
  return (raw) => {
    // The path ends in "images" right before the query, or is percent-encoded.
    if (!raw.includes('images?') && !(raw.includes('?') && raw.includes('%'))) return null;
    const text = raw.trim();
    const absolute = ABSOLUTE.test(text);
    // Relative URLs stay on the page's own origin; absolute ones must name the backend's host.
    if (!absolute && !sameOrigin) return null;
    if (absolute && !text.toLowerCase().includes(host) && !text.includes('%')) return null;
    // A scheme makes the base irrelevant (and an unusable base must not spoil it).
    return parse(text, /^[a-z][a-z0-9+.-]*:/i.test(text) ? undefined : baseUrl, endpoint);
  };
}

function parse(text: string, baseUrl: string | undefined, endpoint: string): ImageQuery | null {
  let u: URL;
  let path: string;
  try {
    u = new URL(text, baseUrl);
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (u.origin + path !== endpoint) return null;
  const q = u.searchParams;
  const key = q.get('key');
  const hasMeta = META.some((m) => q.get(m));
  if (key) return hasMeta || key.length > LIMITS.keyLength ? null : { key };
  const type = q.get('type');
  if (!type || !(IMAGE_TYPES as readonly string[]).includes(type)) return null;
  const ref: ImageQuery = { type: type as ImageType };
  for (const m of ['id', 'ds', 'cid'] as const) {
    const v = q.get(m);
    if (!v) continue;
    if (v.length > LIMITS.fieldLength) return null;
    ref[m] = v;
  }
  return ref;
}

/** A data-glean-image-key value as a reference, or null when it cannot be one. */
export function refFromKey(value: string | null): ImageQuery | null {
  const key = value?.trim();
  return key && key.length <= LIMITS.keyLength ? { key } : null;
}

/** One image candidate of a srcset: its URL and descriptor text (e.g. "2x", "96w", or ""). */
export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

/** Splits a srcset as the HTML spec does: URLs may contain commas, descriptors may hold parentheses. */
export function parseSrcset(value: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && /[\s,]/.test(value[i]!)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !/\s/.test(value[i]!)) i++;
    const url = value.slice(start, i);
    if (url.endsWith(',')) {
      out.push({ url: url.replace(/,+$/, ''), descriptor: '' });
      continue;
    }
    const dStart = i;
    let depth = 0;
    for (; i < n; i++) {
      const c = value[i];
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
      else if (c === ',' && depth === 0) break;
    }
    out.push({ url, descriptor: value.slice(dStart, i).trim() });
    i++;
  }
  return out;
}

/** Writes candidates back as a srcset. */
export function formatSrcset(candidates: SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(', ');
}

/** The url(...) tokens of a CSS background-image value, with where each sits in the text. */
export function cssUrls(value: string): { url: string; start: number; end: number }[] {
  const out: { url: string; start: number; end: number }[] = [];
  for (const m of value.matchAll(/url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^)"'\s]*))\s*\)/gi)) {
    const url = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
    out.push({ url, start: m.index, end: m.index + m[0].length });
  }
  return out;
}
