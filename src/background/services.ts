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
import { relayToToast } from './toast-relay';

export const QUEUE_ALARM = 'upload-queue-wake';

export const gate = new RateGate();

/** Tells open extension pages (popup, history) what changed; nobody listening is fine. */
function broadcast(event: QueueEvent): void {
  browser.runtime.sendMessage(event).catch(() => undefined);
  relayToToast(event);
  void showQueueOnBadge(event.counts);
}

export const queue = new UploadQueue({
  gate,
  preferences: loadUploadPreferences,
  thumbnail: (bytes) => makeThumbnail(bytes),
  notify: broadcast,
  async upload(job, bytes, signal) {
    const client = await configuredClient(gate, job.actAs);
    return client.uploadImage(bytes, job.mime, job.metadata, { signal });
  },
  // Alarms outlive a stopped service worker; the queue keeps its own timer for short waits too.
  scheduleWake(at) {
    if (at === null) void browser.alarms.clear(QUEUE_ALARM);
    else void browser.alarms.create(QUEUE_ALARM, { when: at, periodInMinutes: 1 });
  },
});
