import { useState } from 'preact/hooks';
import { tCount } from '../../i18n/t';
import { LIMITS, type UploadOptions } from '../../messaging/protocol';
import { send } from '../../messaging/send';
import type { Status } from '../components/status-line';
import { messageOf } from './format';
import type { Batch, PageRef } from './page-batch';
import { chunks } from './page-images';
import { useJobs } from './use-queue-events';

const EMPTY: Batch = { jobIds: [], duplicates: [], refused: [] };

/**
 * Sends a tab's chosen images to the queue in batches the protocol accepts and keeps what came
 * back: jobs to follow (by QueueEvents), earlier identical uploads, and refusals with their reason.
 */
export function usePageUpload(tabId: number | null) {
  const [batch, setBatch] = useState<Batch>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const { jobs, remember } = useJobs();

  /** `again`: these images were shown as duplicates or refusals; they are sent again and replaced. */
  async function upload(images: PageRef[], options: UploadOptions, again = false) {
    if (tabId === null) return;
    setBusy(true);
    setStatus({ tone: 'info', text: tCount('popup_sendingImages', images.length) });
    const got: Batch = { jobIds: [], duplicates: [], refused: [] };
    const frameOf = (src: string) => images.find((i) => i.src === src)?.frameId ?? 0;
    try {
      for (const part of chunks(images, LIMITS.imagesPerBatch)) {
        for (const r of await send('upload.enqueueFromTab', { ...options, tabId, images: part })) {
          if (r.status === 'queued') {
            remember(r.job);
            got.jobIds.push(r.job.id);
          } else if (r.status === 'duplicate') got.duplicates.push({ src: r.src, frameId: frameOf(r.src), earlier: r.earlier });
          else got.refused.push({ src: r.src, frameId: frameOf(r.src), message: r.error.message, ...(r.needsOrigin ? { needsOrigin: r.needsOrigin } : {}) });
        }
      }
      setStatus({ tone: 'ok', text: tCount('popup_queuedForUpload', got.jobIds.length) });
    } catch (e) {
      setStatus({ tone: 'error', text: messageOf(e) });
    } finally {
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
  }

  return { batch, jobs, busy, status, setStatus, upload };
}
