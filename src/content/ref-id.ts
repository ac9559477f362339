/**
 * One string per image reference, so identical references merge: on the page (one request and one
 * local URL per image) and in the background (one fetch in flight, one cache entry). Plain code
 * with no imports, shared by both sides.
 */
import type { ImageQuery } from '../glean/types';

/** Blank fields count as absent, as they do when the request is built. */
const field = (v: string | undefined): string => (v && v.trim() !== '' ? v : '');

/** The identity of a reference: its key, or its (type, id, ds, cid). */
export function refId(ref: ImageQuery): string {
  if ('key' in ref) return `k:${ref.key}`;
  return `m:${JSON.stringify([ref.type, field(ref.id), field(ref.ds), field(ref.cid)])}`;
}
