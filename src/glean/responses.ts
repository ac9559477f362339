/**
 * Reads and checks successful (2xx) answers. A 200 is not proof of success: a misconfigured
 * address can answer with a sign-in page, so the shape of every answer is checked.
 */

import type { Deadline } from './deadline';
import { t, type MessageKey } from '../i18n/t';
import { GleanError } from './errors';
import type { ImageBytes, ImageMetadata, UploadResult } from './types';

/** The media type of a Content-Type header: no parameters, lower case ('' if absent). */
export function mediaType(header: string | null): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Reads an image answer; anything that is not `image/*` with some bytes is a 'bad-response'. */
export async function readImage(res: Response, deadline: Deadline, url: string): Promise<ImageBytes> {
  const contentType = mediaType(res.headers.get('content-type'));
  if (!contentType.startsWith('image/')) {
    const message = !contentType
      ? t('glean_answerNoType')
      : contentType.includes('html')
        ? t('glean_answerNotImageHtml', contentType)
        : t('glean_answerNotImage', contentType);
    throw new GleanError('bad-response', message, { url, status: res.status });
  }
  const bytes = await deadline.race(res.arrayBuffer());
  if (bytes.byteLength === 0) {
    throw new GleanError('bad-response', t('glean_answerEmptyImage'), { url, status: res.status });
  }
  return { bytes, contentType };
}

/** Reads an upload answer: a JSON object with a string `url`; extra fields are accepted. */
export async function readUploadResult(
  res: Response,
  deadline: Deadline,
  url: string,
  baseUrl: string,
): Promise<UploadResult> {
  const bad = (key: MessageKey, ...subs: string[]) => new GleanError('bad-response', t(key, ...subs), { url, status: res.status });
  const text = await deadline.race(res.text());
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const ct = mediaType(res.headers.get('content-type'));
    throw ct ? bad('glean_uploadAnswerNotJsonType', ct) : bad('glean_uploadAnswerNotJson');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('glean_uploadAnswerNotObject');
  const o = body as Record<string, unknown>;
  if (o.url === undefined || o.url === null || o.url === '') throw bad('glean_uploadAnswerNoUrl');
  if (typeof o.url !== 'string') throw bad('glean_uploadAnswerUrlNotText');

  const result: UploadResult = { url: o.url };
  const key = typeof o.key === 'string' && o.key !== '' ? o.key : keyFromUrl(o.url, baseUrl);
  if (key !== undefined) result.key = key;
  const metadata = readMetadata(o.metadata);
  if (metadata) result.metadata = metadata;
  return result;
}

/** The `key` query parameter of an image URL (resolved against the base if relative). */
export function keyFromUrl(imageUrl: string, baseUrl: string): string | undefined {
  try {
    return new URL(imageUrl, `${baseUrl}/`).searchParams.get('key') || undefined;
  } catch {
    return undefined;
  }
}

/** Keeps metadata that has a string `type` (any value: the server may know types we do not). */
function readMetadata(value: unknown): ImageMetadata | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  if (typeof raw.type !== 'string') return undefined;
  // Unknown extra fields pass through; known ones that are not strings are dropped, not trusted.
  const out: Record<string, unknown> = { ...raw };
  for (const field of ['id', 'ds', 'cid', 'ext']) {
    if (field in out && typeof out[field] !== 'string') delete out[field];
  }
  return out as unknown as ImageMetadata;
}
