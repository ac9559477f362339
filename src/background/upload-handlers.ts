/**
 * Upload messages from extension pages. Bytes are checked and prepared here (type from the bytes,
 * size cap, decoding, processing), then stored in the queue before anything is sent.
 */
import { loadSettings } from '../db/settings';
import { clearHistory, listHistory } from '../db/history';
import { loadUploadPreferences } from '../db/preferences';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import { checkClock } from '../images/check-timings';
import { prepareUpload } from '../images/prepare';
import type { EnqueueResult, UploadOptions } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import type { JobSource } from '../queue/types';
import { isEmail } from '../settings/validate';
import { createLimiter } from './limiter';
import { queue } from './services';

// Checking and decoding is heavy; a few at a time, first come first served, lets the first images
// reach the queue (and the network) while the rest are still being checked.
const preparing = createLimiter(2);

/** Checks act-as against the token type: only a global token acts for someone else. */
async function effectiveActAs(requested: string | undefined): Promise<string | undefined> {
  const settings = await loadSettings();
  if (settings.tokenType !== 'global') {
    if (requested) {
      throw new GleanError('invalid-input', settings.authMethod === 'oauth' ? t('bg_actAsWithOAuth') : t('bg_actAsWithUserToken'));
    }
    return undefined;
  }
  const actAs = requested?.trim() || settings.actAs;
  if (!isEmail(actAs)) throw new GleanError('invalid-input', t('bg_notEmail', actAs));
  return actAs;
}

/** Hand-overs being checked now, by id: the same hand-over sent again waits for the first. */
const handingOver = new Map<string, Promise<EnqueueResult>>();

/**
 * Prepares bytes from any source and puts them in the queue. With a hand-over id, a hand-over
 * sent again (its answer was lost) gives what became of the first, and never a second job.
 */
export function enqueueBytes(bytes: Blob | ArrayBuffer | ReadableStream<Uint8Array>, options: UploadOptions, source: JobSource, handoverId?: string): Promise<EnqueueResult> {
  if (!handoverId) return enqueueNew(bytes, options, source);
  let running = handingOver.get(handoverId);
  if (!running) {
    running = queue
      .handedOver(handoverId)
      .then((known) => known ?? enqueueNew(bytes, options, source, handoverId))
      .finally(() => handingOver.delete(handoverId));
    handingOver.set(handoverId, running);
  }
  return running;
}

async function enqueueNew(bytes: Blob | ArrayBuffer | ReadableStream<Uint8Array>, options: UploadOptions, source: JobSource, id?: string): Promise<EnqueueResult> {
  const prefs = await loadUploadPreferences();
  const actAs = await effectiveActAs(options.actAs);
  const clock = checkClock(bytes instanceof Blob ? bytes.size : bytes instanceof ArrayBuffer ? bytes.byteLength : 0);
  const prepared = await preparing(() =>
    prepareUpload(bytes, { capBytes: prefs.capBytes, processing: options.processing ?? prefs.processing, imageType: options.metadata.type, clock }),
  );
  return queue.enqueue({ prepared, metadata: options.metadata, source, insist: options.insist, clock, ...(actAs ? { actAs } : {}), ...(id ? { id } : {}) });
}

export const uploadHandlers: Handlers = {
  'upload.enqueue': ({ bytes, source, handoverId, ...options }) => enqueueBytes(bytes, options, source, handoverId),
  'upload.status': () => queue.status(),
  'upload.retry': ({ id }) => queue.retry(id),
  'upload.cancel': async ({ id }) => {
    await queue.cancel(id);
    return null;
  },
  'history.list': ({ limit }) => listHistory(limit),
  'history.clear': async () => {
    await clearHistory();
    return null;
  },
};
