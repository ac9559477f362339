/**
 * The background's long-lived parts, created once per background start: the shared rate gate
 * and the upload queue, wired to the browser (alarms, badge, broadcasts).
 */
import { browser } from 'wxt/browser';
import { loadUploadPreferences } from '../db/preferences';
import { makeThumbnail } from '../images/thumbnail';
import type { QueueEvent } from '../messaging/protocol';
import { RateGate } from '../queue/rate-gate';
import { UploadQueue } from '../queue/upload-queue';
import { configuredClient } from './gated-client';
import { showQueueOnBadge } from './badge';
import { createQueueBroadcast } from './queue-broadcast';
import { createQueueWake } from './queue-wake';
import { relayToToast } from './toast-relay';

export const gate = new RateGate();

// To open extension pages (nobody listening is fine) and the badge, gathered; to a right-click
// upload's toast at once.
const toPages = createQueueBroadcast((broadcast) => {
  browser.runtime.sendMessage(broadcast).catch(() => undefined);
  void showQueueOnBadge(broadcast.counts);
});

function broadcast(event: QueueEvent): void {
  toPages(event);
  relayToToast(event);
}

export const queue = new UploadQueue({
  gate,
  preferences: loadUploadPreferences,
  thumbnail: (bytes, size) => makeThumbnail(bytes, size),
  notify: broadcast,
  async upload(job, bytes, signal) {
    const client = await configuredClient(gate, job.actAs);
    return client.uploadImage(bytes, job.mime, job.metadata, { signal });
  },
  // Alarms outlive a stopped service worker; the queue keeps its own timer for short waits too.
  scheduleWake: createQueueWake(),
});
