/**
 * Builds request URLs and auth headers, validating everything that can be checked before a
 * request goes out. Inputs may come from other extension contexts via messaging, so nothing here
 * trusts the TypeScript types at run time.
 */

import { GleanError } from './errors';
import type { GleanAuth, ImageMetadataFields, ImageQuery } from './types';

const METADATA_FIELDS = ['type', 'id', 'ds', 'cid'] as const;

// Header values must be visible ASCII: anything else makes fetch throw a bare TypeError
// (or, with CR/LF, would be header injection).
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function invalid(message: string): GleanError {
  return new GleanError('invalid-input', message);
}

/** Reads an optional string field; empty or blank counts as absent, non-strings are refused. */
function optionalString(obj: Record<string, unknown>, field: string): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(`The image "${field}" must be text.`);
  return v.trim() === '' ? undefined : v;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw invalid(`The ${what} is missing.`);
  return value as Record<string, unknown>;
}

/** Collects the non-empty metadata fields (type, id, ds, cid) in a stable order. */
function metadataParams(obj: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of METADATA_FIELDS) {
    const v = optionalString(obj, field);
    if (v !== undefined) params.set(field, v);
  }
  return params;
}

/** Query parameters for GET /images: a key alone, or type with optional id/ds/cid. */
export function imageQueryParams(query: ImageQuery): URLSearchParams {
  const obj = asRecord(query, 'image query');
  const key = optionalString(obj, 'key');
  const meta = metadataParams(obj);
  if (key !== undefined) {
    // The API says a key addresses the image on its own; mixing would leave which one wins unclear.
    if ([...meta.keys()].length > 0) {
      throw invalid('Ask for an image either by its key or by its type, id, ds and cid, not both.');
    }
    return new URLSearchParams({ key });
  }
  if (!meta.has('type')) throw invalid('Ask for an image by its key, or give at least its type.');
  return meta;
}

/** Query parameters for POST /uploadimage: type (required) with optional id/ds/cid. */
export function uploadParams(meta: ImageMetadataFields): URLSearchParams {
  const obj = asRecord(meta, 'image metadata');
  if (optionalString(obj, 'key') !== undefined) {
    throw invalid('An upload is described by type, id, ds and cid; Glean assigns the key.');
  }
  const params = metadataParams(obj);
  if (!params.has('type')) throw invalid('Choose an image type for the upload.');
  return params;
}

/** The full URL for an API path under the base, with the given query parameters. */
export function buildUrl(base: string, path: string, params: URLSearchParams): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  // URLSearchParams serialisation (application/x-www-form-urlencoded) round-trips &, +, = and unicode.
  url.search = params.toString();
  return url.toString();
}

/** The auth headers for a request: Bearer token, plus act-as for global tokens or the OAuth marker. */
export function authHeaders(auth: GleanAuth): Record<string, string> {
  const a = asRecord(auth, 'Glean sign-in');
  // Pasted tokens often carry a trailing newline; strip surrounding whitespace only.
  const token = typeof a.token === 'string' ? a.token.trim() : '';
  if (token === '') throw invalid('No Glean token is set up. Add a token or sign in.');
  if (!HEADER_SAFE.test(token)) throw invalid('The Glean token contains spaces or unusual characters; paste it again.');
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };

  switch (a.kind) {
    case 'user':
      return headers;
    case 'oauth':
      headers['X-Glean-Auth-Type'] = 'OAUTH';
      return headers;
    case 'global': {
      // A global token without act-as would act as nobody (or as an admin): never send one.
      const actAs = typeof a.actAs === 'string' ? a.actAs.trim() : '';
      if (actAs === '') throw invalid('A global token needs the email of the user to act as.');
      if (!HEADER_SAFE.test(actAs) || !/^[^@]+@[^@]+$/.test(actAs)) {
        throw invalid(`"${actAs}" is not an email address to act as (like jane@acme.com).`);
      }
      headers['X-Scio-Actas'] = actAs;
      return headers;
    }
    default:
      throw invalid('Unknown kind of Glean sign-in.');
  }
}

/** Checks an upload content type (`image/<subtype>`) and returns it trimmed, or throws 'invalid-input'. */
export function uploadContentType(contentType: string): string {
  const ct = typeof contentType === 'string' ? contentType.trim() : '';
  if (!/^image\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i.test(ct) || !HEADER_SAFE.test(ct.replace(/ /g, ''))) {
    throw invalid(`Only images can be uploaded to Glean, not "${ct || 'unknown type'}".`);
  }
  return ct;
}
