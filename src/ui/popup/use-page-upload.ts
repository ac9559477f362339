import { useState } from 'preact/hooks';
import { t, tCount } from '../../i18n/t';
import { LIMITS, type UploadOptions } from '../../messaging/protocol';
import { MessageError, send } from '../../messaging/send';
import type { Status } from '../components/status-line';
import { messageOf } from './format';
import type { Batch, PageRef } from './page-batch';
import { chunks } from './page-images';
import { useJobs } from './use-queue-events';

const EMPTY: Batch = { jobIds: [], duplicates: [], refused: [] };

/** One message's worth of images, with the id that makes sending it again the same hand-over. */
interface Part {
  images: PageRef[];
  options: UploadOptions;
  handoverId: string;
}

/**
 * Sends a tab's chosen images to the queue in batches the protocol accepts and keeps what came
 * back: jobs to follow (by QueueEvents), earlier identical uploads, and refusals with their reason.
 * Batches the background never answered (even after its tries) wait for `retryUnsent`.
 */
export function usePageUpload(tabId: number | null) {
  const [batch, setBatch] = useState<Batch>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [unsent, setUnsent] = useState<Part[]>([]);
  const { jobs, remember } = useJobs();

  /** `again`: these images were shown as duplicates or refusals; they are sent again and replaced. */
  async function sendParts(parts: Part[], again: boolean) {
    if (tabId === null) return;
    const images = parts.flatMap((p) => p.images);
    setBusy(true);
    setStatus({ tone: 'info', text: tCount('popup_sendingImages', images.length) });
    const got: Batch = { jobIds: [], duplicates: [], refused: [] };
    const frameOf = (src: string) => images.find((i) => i.src === src)?.frameId ?? 0;
    const failed: Part[] = [];
    let problem: Status | null = null;
    // All batches at once: they are all on their way before the popup could be closed.
    await Promise.all(parts.map(async (part) => {
      try {
        for (const r of await send('upload.enqueueFromTab', { ...part.options, handoverId: part.handoverId, tabId, images: part.images })) {
          if (r.status === 'queued') {
            remember(r.job);
            got.jobIds.push(r.job.id);
          } else if (r.status === 'duplicate') got.duplicates.push({ src: r.src, frameId: frameOf(r.src), earlier: r.earlier });
          else got.refused.push({ src: r.src, frameId: frameOf(r.src), message: r.error.message, ...(r.needsOrigin ? { needsOrigin: r.needsOrigin } : {}) });
        }
      } catch (e) {
        const unanswered = e instanceof MessageError && e.info.kind === 'unavailable';
        if (unanswered) failed.push(part);
        problem = { tone: 'error', text: unanswered ? t('popup_notHandedOver', messageOf(e)) : messageOf(e) };
      }
    }));
    setUnsent(failed);
    setStatus(problem ?? { tone: 'ok', text: tCount('popup_queuedForUpload', got.jobIds.length) });
    const resent = new Set(images.map((i) => i.src));
    setBatch((before) =>
      again
        ? {
            jobIds: [...before.jobIds, ...got.jobIds],
            duplicates: [...before.duplicates.filter((d) => !resent.has(d.src)), ...got.duplicates],
            refused: [...before.refused.filter((r) => !resent.has(r.src)), ...got.refused],
          }
        : got,
    );
    setBusy(false);
  }

  function upload(images: PageRef[], options: UploadOptions, again = false) {
    const parts = chunks(images, LIMITS.imagesPerBatch).map((part) => ({ images: part, options, handoverId: crypto.randomUUID() }));
    return sendParts(parts, again);
  }

  /** Hands over again, as the same hand-overs, the batches the background never answered. */
  function retryUnsent() {
    return sendParts(unsent, true);
  }

  return { batch, jobs, busy, status, setStatus, upload, unsent: unsent.length > 0, retryUnsent };
}
