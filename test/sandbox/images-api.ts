/**
 * GET /images and POST /uploadimage, validating as strictly as the real service is documented
 * to (shared/glean-images-api.md): a key alone or metadata with a known `type`, never both;
 * uploads are raw `image/*` bytes. Errors answer with a plain-text reason.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { IMAGE_TYPES } from '../../src/glean/types.js';
import type { ImageFields, ImageStore } from './image-store.js';
import { extForType, isImageType, mediaType, sniffExt } from './mime.js';
import type { Knobs } from './knobs.js';
import { send, sendJson, sendText, type Reply } from './respond.js';

export interface ImagesContext {
  store: ImageStore;
  baseUrl: string;
  knobs: Pick<Knobs, 'imageHeaders' | 'imageCacheControl'>;
}

const METADATA_PARAMS = ['type', 'id', 'ds', 'cid'] as const;

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Query parameters as single values; a repeated name is ambiguous, so refused. */
function singleParams(url: URL): Parsed<Map<string, string>> {
  const params = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (params.has(name)) return { ok: false, reason: `query parameter "${name}" given more than once` };
    params.set(name, value);
  }
  return { ok: true, value: params };
}

/** `type` required and one of the seven ImageType values; id/ds/cid optional, empty = absent. */
function metadataFields(params: Map<string, string>): Parsed<ImageFields> {
  const type = params.get('type');
  if (!type) return { ok: false, reason: 'query parameter "type" is required (or use "key")' };
  if (!(IMAGE_TYPES as readonly string[]).includes(type)) {
    return { ok: false, reason: `unknown image type "${type}"; expected one of ${IMAGE_TYPES.join(', ')}` };
  }
  const fields: ImageFields = { type };
  for (const name of ['id', 'ds', 'cid'] as const) {
    const value = params.get(name);
    if (value) fields[name] = value;
  }
  return { ok: true, value: fields };
}

export async function getImage(ctx: ImagesContext, url: URL, reply: Reply): Promise<void> {
  reply = { ...reply, headers: ctx.knobs.imageHeaders };
  const params = singleParams(url);
  if (!params.ok) return sendText(reply, 400, params.reason);
  const key = params.value.get('key');
  let image;
  if (key !== undefined) {
    const mixed = METADATA_PARAMS.filter((p) => params.value.has(p));
    if (mixed.length > 0) return sendText(reply, 400, `"key" cannot be combined with ${mixed.join(', ')}`);
    if (key === '') return sendText(reply, 400, 'query parameter "key" is empty');
    image = ctx.store.getByKey(key);
  } else {
    const fields = metadataFields(params.value);
    if (!fields.ok) return sendText(reply, 400, fields.reason);
    image = ctx.store.getByMetadata(fields.value);
  }
  if (!image) return sendText(reply, 404, 'image not found');
  const caching: Record<string, string> = ctx.knobs.imageCacheControl ? { 'cache-control': ctx.knobs.imageCacheControl } : {};
  return send(reply, 200, { 'content-type': image.contentType, ...caching }, image.bytes);
}

export async function uploadImage(ctx: ImagesContext, url: URL, headers: IncomingHttpHeaders, body: Buffer, reply: Reply): Promise<void> {
  const params = singleParams(url);
  if (!params.ok) return sendText(reply, 400, params.reason);
  if (params.value.has('key')) return sendText(reply, 400, 'query parameter "key" is not accepted on upload');
  const fields = metadataFields(params.value);
  if (!fields.ok) return sendText(reply, 400, fields.reason);

  const contentType = mediaType(headers['content-type']);
  if (!isImageType(contentType)) {
    return sendText(reply, 400, `Content-Type must be image/<subtype>, got "${headers['content-type'] ?? ''}"`);
  }
  if (body.length === 0) return sendText(reply, 400, 'request body is empty; send the raw image bytes');
  // Bytes in a recognisable format must match the declared type (unknown formats pass).
  const sniffed = sniffExt(body);
  if (sniffed && sniffed !== extForType(contentType)) {
    return sendText(reply, 400, `Content-Type ${contentType} does not match the bytes, which look like ${sniffed}`);
  }

  const image = ctx.store.put(fields.value, body, contentType);
  return sendJson(reply, 200, { url: `${ctx.baseUrl}/images?key=${encodeURIComponent(image.key)}`, metadata: image.metadata });
}
