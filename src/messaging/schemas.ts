/**
 * Payload schemas for every message in the protocol. Only the background imports this file, so the
 * schema library stays out of the content script's bundle.
 */
import * as v from 'valibot';
import { IMAGE_TYPES } from '../glean/types';
import { PREFERENCE_BOUNDS as BOUND } from '../settings/upload-preferences';
import { CAPTURE_KINDS } from '../screenshots/preferences';
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

/** A whole number within [min, max]. */
const whole = ([min, max]: readonly [number, number]) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const MIB = 1024 * 1024;

const processingFields = {
  // 0: no limit.
  maxWidth: v.optional(whole([0, BOUND.side[1]])),
  maxHeight: v.optional(whole([0, BOUND.side[1]])),
  format: v.optional(v.picklist(['keep', 'png', 'jpeg', 'webp'])),
  quality: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  squareCrop: v.optional(v.boolean()),
};
const processing = v.optional(v.strictObject(processingFields));

const uploadOptions = {
  metadata,
  actAs: optionalField,
  processing,
  insist: v.optional(v.boolean()),
  handoverId: v.optional(v.pipe(v.string(), v.regex(/^[\w-]{8,64}$/))),
};

const jobIdString = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const jobId = v.strictObject({ id: jobIdString });
const jobRef = v.strictObject({ jobId: jobIdString });
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const pageUrl = v.optional(v.pipe(v.string(), v.maxLength(LIMITS.urlLength)));

/** One schema per message; `satisfies` keeps them in step with the protocol's request types. */
export const REQUEST_SCHEMAS = {
  'settings.get': v.null(),
  'settings.save': v.strictObject({ draft, token }),
  'token.forget': v.null(),
  'connection.test': v.strictObject({ draft, token }),
  'image.get': v.strictObject({ query }),
  'upload.enqueue': v.strictObject({
    ...uploadOptions,
    // Size and type are checked by the upload pipeline, which words its refusals for people. A
    // chosen file comes as the File itself: cloning passes a handle, not megabytes of copies.
    bytes: v.union([v.instance(ArrayBuffer), v.instance(Blob)]),
    source: v.strictObject({ fileName: optionalField, pageUrl, srcUrl: pageUrl }),
  }),
  'upload.enqueueFromTab': v.strictObject({
    ...uploadOptions,
    tabId,
    images: v.pipe(
      v.array(v.strictObject({ src: v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.urlLength)), frameId: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
      v.minLength(1),
      v.maxLength(LIMITS.imagesPerBatch),
    ),
  }),
  'upload.status': v.null(),
  'upload.retry': jobId,
  'upload.cancel': jobId,
  'history.list': v.strictObject({ limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.historyPage)) }),
  'history.clear': v.null(),
  'tab.images': v.strictObject({ tabId }),
  'preferences.get': v.null(),
  'preferences.save': v.strictObject({
    capBytes: whole([BOUND.capMb[0] * MIB, BOUND.capMb[1] * MIB]),
    concurrency: whole(BOUND.concurrency),
    maxAttempts: whole(BOUND.maxAttempts),
    historyCap: whole(BOUND.historyCap),
    processing: v.strictObject(processingFields),
    defaultType: v.picklist(IMAGE_TYPES),
    defaultMetadata: v.strictObject({ id: optionalField, ds: optionalField, cid: optionalField }),
  }),
  'sites.get': v.null(),
  'sites.set': v.strictObject({ site: field, enabled: v.boolean() }),
  'toast.retry': jobRef,
  'toast.show': jobRef,
  'oauth.signIn': v.strictObject({ backend: field, userId: field, provider: v.picklist(['glean', 'external']), issuer: field, clientId: field, scopes: field }),
  'oauth.signOut': v.null(),
  'policy.get': v.null(),
  'sites.everywhere.get': v.null(),
  'sites.everywhere.set': v.strictObject({ everywhere: v.boolean() }),
  'tab.gleanImages': v.strictObject({ tabId }),
  'screenshot.start': v.strictObject({ tabId, kind: v.picklist(CAPTURE_KINDS) }),
  'screenshot.get': v.strictObject({ id: v.pipe(v.string(), v.uuid()) }),
  'screenshot.upload': v.strictObject({
    ...uploadOptions,
    bytes: v.instance(ArrayBuffer),
    fileName: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    tabId: v.optional(tabId),
    pageUrl,
  }),
  'screenshot.preferences.get': v.null(),
  'screenshot.preferences.save': v.strictObject({
    type: v.picklist(IMAGE_TYPES),
    uploadAtOnce: v.boolean(),
    autoCopy: v.picklist(['none', 'url', 'markdown']),
    format: v.picklist(['png', 'jpeg', 'webp']),
    quality: v.pipe(v.number(), v.minValue(0.1), v.maxValue(1)),
  }),
  // Keys only: a content script never names a URL; the background builds each one itself.
  'page.keys': v.strictObject({
    keys: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.keyLength))), v.minLength(1), v.maxLength(LIMITS.keysPerResolve)),
  }),
} satisfies { [K in MessageType]: v.GenericSchema<unknown, ProtocolMap[K]['request']> };
