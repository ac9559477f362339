/**
 * Builds request URLs and auth headers, validating everything that can be checked before a
 * request goes out. Inputs may come from other extension contexts via messaging, so nothing here
 * trusts the TypeScript types at run time.
 */

import { t, type MessageKey } from '../i18n/t';
import { GleanError } from './errors';
import { HEADER_SAFE, isActAsAddress } from './header-values';
import type { GleanAuth, ImageMetadataFields, ImageQuery } from './types';

const METADATA_FIELDS = ['type', 'id', 'ds', 'cid'] as const;

function invalid(message: string): GleanError {
  return new GleanError('invalid-input', message);
}

/** Reads an optional string field; empty or blank counts as absent, non-strings are refused. */
function optionalString(obj: Record<string, unknown>, field: string): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(t('glean_fieldNotText', field));
  return v.trim() === '' ? undefined : v;
}

/** `missing` is the whole sentence for when `value` is absent ("The image query is missing."). */
function asRecord(value: unknown, missing: MessageKey): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw invalid(t(missing));
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
  const obj = asRecord(query, 'glean_queryMissing');
  const key = optionalString(obj, 'key');
  const meta = metadataParams(obj);
  if (key !== undefined) {
    // The API says a key addresses the image on its own; mixing would leave which one wins unclear.
    if ([...meta.keys()].length > 0) {
      throw invalid(t('glean_queryKeyAndFields'));
    }
    return new URLSearchParams({ key });
  }
  if (!meta.has('type')) throw invalid(t('glean_queryNeedsType'));
  return meta;
}

/** Query parameters for POST /uploadimage: type (required) with optional id/ds/cid. */
export function uploadParams(meta: ImageMetadataFields): URLSearchParams {
  const obj = asRecord(meta, 'glean_metadataMissing');
  if (optionalString(obj, 'key') !== undefined) {
    throw invalid(t('glean_uploadHasKey'));
  }
  const params = metadataParams(obj);
  if (!params.has('type')) throw invalid(t('glean_uploadNeedsType'));
  return params;
}

/** The full URL for an API path under the base, with the given query parameters. */
export function buildUrl(base: string, path: string, params: URLSearchParams): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
  // URLSearchParams serialisation (application/x-www-form-urlencoded) round-trips &, +, = and unicode.
  url.search = params.toString();
  return url.toString();
}

/**
 * The auth headers for a request: the one place that decides them (API calls and page image rules
 * alike). Bearer token; act-as for global tokens; the OAuth marker for external providers' tokens.
 */
export function authHeaders(auth: GleanAuth): Record<string, string> {
  const a = asRecord(auth, 'glean_authMissing');
  // Pasted tokens often carry a trailing newline; strip surrounding whitespace only.
  const token = typeof a.token === 'string' ? a.token.trim() : '';
  if (token === '') throw invalid(t('glean_noToken'));
  if (!HEADER_SAFE.test(token)) throw invalid(t('glean_tokenUnusual'));
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };

  switch (a.kind) {
    case 'user':
      return headers;
    case 'oauth':
      // Glean tells its own server's tokens by their issuer; an external provider's token without
      // the marker is looked up as an API token and refused with 401.
      if (a.issuedBy === 'external') headers['X-Glean-Auth-Type'] = 'OAUTH';
      else if (a.issuedBy !== 'glean') throw invalid(t('glean_authKindUnknown'));
      return headers;
    case 'global': {
      // A global token without act-as would act as nobody (or as an admin): never send one.
      const actAs = typeof a.actAs === 'string' ? a.actAs.trim() : '';
      if (actAs === '') throw invalid(t('glean_actAsMissing'));
      if (!isActAsAddress(actAs)) {
        throw invalid(t('glean_actAsInvalid', actAs));
      }
      // X-Glean-ActAs is the current name; X-Scio-Actas (deprecated, still accepted) keeps older
      // deployments working. Both carry the same value, so no server sees them disagree.
      headers['X-Glean-ActAs'] = actAs;
      headers['X-Scio-Actas'] = actAs;
      return headers;
    }
    default:
      throw invalid(t('glean_authKindUnknown'));
  }
}

/** Checks an upload content type (`image/<subtype>`) and returns it trimmed, or throws 'invalid-input'. */
export function uploadContentType(contentType: string): string {
  const ct = typeof contentType === 'string' ? contentType.trim() : '';
  if (!/^image\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/i.test(ct) || !HEADER_SAFE.test(ct.replace(/ /g, ''))) {
    throw invalid(ct ? t('glean_notImage', ct) : t('glean_notImageUnknown'));
  }
  return ct;
}
