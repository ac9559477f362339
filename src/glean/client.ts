/**
 * The Glean images API client: GET /images and POST /uploadimage with a bearer token.
 *
 * Every failure becomes a GleanError. Requests never follow redirects (`redirect: 'manual'`), so
 * the token is only ever sent to the configured backend, and never carry cookies.
 */

import { t } from '../i18n/t';
import { normalizeBackendUrl } from './backend-url';
import { abortedError, raceSignal, startDeadline, type Deadline } from './deadline';
import { GleanError, isGleanError } from './errors';
import { errorForStatus, redirectError, serverMessageFromBody } from './status-errors';
import { authHeaders, buildUrl, imageQueryParams, uploadContentType, uploadParams } from './request';
import { parseRetryAfter } from './retry-after';
import { readImage, readUploadResult } from './responses';
import type { GleanAuth, ImageBytes, ImageMetadataFields, ImageQuery, UploadResult } from './types';

export interface GleanClientOptions {
  /** The API base, or anything `normalizeBackendUrl` accepts. */
  baseUrl: string;
  /** Called before each request, so a refreshed token or changed act-as is picked up. */
  getAuth: () => Promise<GleanAuth>;
  fetch?: typeof fetch;
  /** Per request, covering the answer's body too. Default 30 000. */
  timeoutMs?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface GleanClient {
  /** The normalised API base the client talks to. */
  readonly baseUrl: string;
  getImage(query: ImageQuery, o?: RequestOptions): Promise<ImageBytes>;
  uploadImage(
    bytes: Blob | ArrayBuffer,
    contentType: string,
    meta: ImageMetadataFields,
    o?: RequestOptions,
  ): Promise<UploadResult>;
}

interface Outgoing {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: BodyInit;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Creates a client for one Glean backend; throws 'invalid-input' if the base URL is unusable. */
export function createGleanClient(opts: GleanClientOptions): GleanClient {
  const baseUrl = normalizeBackendUrl(opts.baseUrl);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Looked up per call (not captured) so a fetch stubbed later is used, and called unbound-safe:
  // calling a detached `fetch` with the wrong `this` throws "Illegal invocation" in browsers.
  const doFetch: typeof fetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));

  /** Gets auth headers, bounded only by the caller's signal: getAuth may show an interactive sign-in. */
  async function headersFor(signal: AbortSignal | undefined, url: string): Promise<Record<string, string>> {
    let auth: GleanAuth;
    try {
      auth = await raceSignal(Promise.resolve().then(opts.getAuth), signal, () => abortedError(url));
    } catch (e) {
      if (isGleanError(e)) throw e;
      const message = e instanceof Error && e.message ? t('glean_signInFailedWhy', e.message) : t('glean_signInFailed');
      throw new GleanError('unauthorized', message, { url, cause: e });
    }
    return authHeaders(auth);
  }

  /** Sends one request and hands a 2xx answer to `read`, all within one deadline. */
  async function send<T>(
    req: Outgoing,
    signal: AbortSignal | undefined,
    read: (res: Response, d: Deadline) => Promise<T>,
  ): Promise<T> {
    const deadline = startDeadline(timeoutMs, signal, req.url);
    try {
      const res = await fetchOnce(req, deadline);
      if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status <= 399)) {
        discard(res);
        throw redirectError(res.status, req.url);
      }
      if (res.status < 200 || res.status > 299) throw await statusError(res, req.url, deadline);
      return await read(res, deadline);
    } catch (e) {
      // Whatever failed after the signal fired (e.g. a body read the abort broke) is that abort.
      const reason = deadline.reason();
      if (reason && !(isGleanError(e) && (e.kind === 'timeout' || e.kind === 'aborted'))) throw reason;
      throw e;
    } finally {
      deadline.dispose();
    }
  }

  async function fetchOnce(req: Outgoing, deadline: Deadline): Promise<Response> {
    const init: RequestInit = {
      method: req.method,
      headers: req.headers,
      signal: deadline.signal,
      redirect: 'manual',
      // Bearer auth only: the browser's Glean session cookies must not authenticate (or confuse) us.
      credentials: 'omit',
      // Answers depend on the token and act-as user, which the HTTP cache does not key on.
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    };
    if (req.body !== undefined) init.body = req.body;
    try {
      return await deadline.race(Promise.resolve().then(() => doFetch(req.url, init)));
    } catch (e) {
      const reason = deadline.reason();
      if (reason) throw reason;
      throw new GleanError('network', t('glean_unreachable', new URL(req.url).origin), { url: req.url, cause: e });
    }
  }

  async function statusError(res: Response, url: string, deadline: Deadline): Promise<GleanError> {
    let body = '';
    try {
      body = await deadline.race(res.text());
    } catch {
      // A body we cannot read does not change what the status says, unless we ran out of time.
      if (deadline.reason()) throw deadline.reason();
    }
    const serverMessage = serverMessageFromBody(body, res.headers.get('content-type'));
    const retryAfter = res.status === 429 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
    return errorForStatus(res.status, url, serverMessage, retryAfter);
  }

  return {
    baseUrl,

    async getImage(query, o = {}) {
      const url = buildUrl(baseUrl, 'images', imageQueryParams(query));
      if (o.signal?.aborted) throw abortedError(url);
      const auth = await headersFor(o.signal, url);
      return send(
        { method: 'GET', url, headers: { ...auth, Accept: 'image/*' } },
        o.signal,
        (res, d) => readImage(res, d, url),
      );
    },

    async uploadImage(bytes, contentType, meta, o = {}) {
      const url = buildUrl(baseUrl, 'uploadimage', uploadParams(meta));
      const type = uploadContentType(contentType);
      const body = uploadBody(bytes);
      if (o.signal?.aborted) throw abortedError(url);
      const auth = await headersFor(o.signal, url);
      return send(
        { method: 'POST', url, headers: { ...auth, Accept: 'application/json', 'Content-Type': type }, body },
        o.signal,
        (res, d) => readUploadResult(res, d, url, baseUrl),
      );
    },
  };
}

/** Checks the upload bytes; raw bytes go in the body as they are (the API takes no multipart). */
function uploadBody(bytes: Blob | ArrayBuffer): Blob | ArrayBuffer {
  let size: number;
  if (typeof Blob !== 'undefined' && bytes instanceof Blob) size = bytes.size;
  // By tag rather than instanceof: an ArrayBuffer from another realm (e.g. a message) still counts.
  else if (Object.prototype.toString.call(bytes) === '[object ArrayBuffer]') size = (bytes as ArrayBuffer).byteLength;
  else throw new GleanError('invalid-input', t('glean_uploadMissing'));
  if (size === 0) throw new GleanError('invalid-input', t('glean_uploadEmpty'));
  return bytes;
}

/** Drops a body we will not read, so the connection is freed. */
function discard(res: Response): void {
  try {
    res.body?.cancel().catch(() => {});
  } catch {
    // Already used or locked: nothing to free.
  }
}
