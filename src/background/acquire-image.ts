/**
 * Getting the bytes of an image on a page: `data:` URLs directly; http(s) by the background when it
 * may read the site (its permission, or CORS), else through the page (which may read same-origin
 * images); `blob:` URLs only through the page. When neither may read it, the caller learns which
 * site to ask the user for.
 */
import { GleanError } from '../glean/errors';
import { formatBytes } from '../images/read-capped';
import { t } from '../i18n/t';
import { readInPage } from './page-access';

/** The bytes (a stream is read only up to the cap later), or the site whose permission is needed. */
export type Acquired = { bytes: ArrayBuffer | ReadableStream<Uint8Array> } | { needsOrigin: string };

/** Where an image is: its URL and the tab and frame that show it. */
export interface ImageRef {
  src: string;
  tabId: number;
  frameId: number;
}

function tooLarge(capBytes: number): GleanError {
  return new GleanError('invalid-input', t('bg_imageTooLarge', formatBytes(capBytes)));
}

/**
 * The background's own fetch. It reads the answer only where the extension holds the site's
 * permission (or the site allows anyone by CORS); otherwise the browser refuses and this says null.
 */
async function fetchDirect(url: URL, capBytes: number): Promise<{ bytes: ArrayBuffer | ReadableStream<Uint8Array> } | null> {
  let response: Response;
  try {
    response = await fetch(url.href, { credentials: 'include' });
  } catch {
    return null;
  }
  if (!response.ok) throw new GleanError('invalid-input', t('bg_imageAnswered', url.host, response.status));
  if (Number(response.headers.get('content-length') ?? 0) > capBytes) throw tooLarge(capBytes);
  return { bytes: response.body ?? (await response.arrayBuffer()) };
}

/** Reads an image's bytes by the first way allowed. */
export async function acquireImage(ref: ImageRef, capBytes: number): Promise<Acquired> {
  let url: URL;
  try {
    url = new URL(ref.src);
  } catch {
    throw new GleanError('invalid-input', t('bg_imageNoAddress'));
  }
  if (url.protocol === 'data:') {
    const response = await fetch(url.href);
    return { bytes: response.body ?? (await response.arrayBuffer()) };
  }
  if (url.protocol !== 'blob:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GleanError('invalid-input', t('bg_imageProtocol', url.protocol));
  }
  const origin = `${url.protocol}//${url.hostname}/*`;
  if (url.protocol !== 'blob:') {
    const direct = await fetchDirect(url, capBytes);
    if (direct) return direct;
  }
  const fromPage = await readInPage(ref.tabId, ref.frameId, url.href, capBytes);
  if (fromPage.ok) return { bytes: fromPage.bytes };
  if (fromPage.message === 'too-large') throw tooLarge(capBytes);
  if (url.protocol === 'blob:') throw new GleanError('invalid-input', t('bg_pageImageUnreadable', fromPage.message));
  return { needsOrigin: origin };
}
