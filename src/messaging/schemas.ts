/**
 * Payload schemas for every message in the protocol. Only the background imports this file, so the
 * schema library stays out of the content script's bundle.
 */
import * as v from 'valibot';
import { IMAGE_TYPES } from '../glean/types';
import { LIMITS, type MessageType, type ProtocolMap } from './protocol';

const field = v.pipe(v.string(), v.maxLength(LIMITS.fieldLength));
const optionalField = v.optional(field);

const draft = v.strictObject({
  backend: field,
  tokenType: v.picklist(['user', 'global']),
  actAs: field,
  userId: field,
});

const token = v.optional(v.pipe(v.string(), v.maxLength(LIMITS.tokenLength)));

const metadata = v.strictObject({
  type: v.picklist(IMAGE_TYPES),
  id: optionalField,
  ds: optionalField,
  cid: optionalField,
});

const query = v.union([v.strictObject({ key: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.keyLength)) }), metadata]);

// Upload bytes arrive from extension pages only; the cap keeps a runaway page from filling memory.
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
const bytes = v.pipe(
  v.instance(ArrayBuffer),
  v.check((b) => b.byteLength > 0 && b.byteLength <= MAX_UPLOAD_BYTES, 'bytes out of range'),
);

/** One schema per message; `satisfies` keeps them in step with the protocol's request types. */
export const REQUEST_SCHEMAS = {
  'settings.get': v.null(),
  'settings.save': v.strictObject({ draft, token }),
  'token.forget': v.null(),
  'connection.test': v.strictObject({ draft, token }),
  'image.get': v.strictObject({ query }),
  'image.upload': v.strictObject({
    bytes,
    contentType: v.pipe(v.string(), v.regex(/^image\/[a-z0-9.+-]+$/i), v.maxLength(100)),
    metadata,
  }),
  'sites.get': v.null(),
  'sites.set': v.strictObject({ site: field, enabled: v.boolean() }),
  'page.resolve': v.strictObject({
    keys: v.pipe(
      v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.keyLength))),
      v.minLength(1),
      v.maxLength(LIMITS.keysPerResolve),
    ),
  }),
} satisfies { [K in MessageType]: v.GenericSchema<unknown, ProtocolMap[K]['request']> };
