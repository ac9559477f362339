/**
 * "This page" in the popup: list a tab's images, and upload chosen ones, each read by the first
 * way allowed (see acquire-image.ts). One refusal never stops the others.
 */
import { browser } from 'wxt/browser';
import { loadUploadPreferences } from '../db/preferences';
import { toErrorInfo } from '../glean/errors';
import { t } from '../i18n/t';
import type { TabUploadResult } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import { acquireImage } from './acquire-image';
import { listTabImages } from './page-access';
import { queue } from './services';
import { enqueueBytes } from './upload-handlers';

async function pageUrlOf(tabId: number): Promise<string | undefined> {
  return browser.tabs.get(tabId).then((t) => t.url, () => undefined);
}

export const tabHandlers: Handlers = {
  'tab.images': ({ tabId }) => listTabImages(tabId),
  'upload.enqueueFromTab': async ({ tabId, images, handoverId, ...options }) => {
    const { capBytes } = await loadUploadPreferences();
    const pageUrl = await pageUrlOf(tabId);
    const results: TabUploadResult[] = [];
    for (const [i, image] of images.entries()) {
      // A batch sent again (its answer was lost) names each image as before: what was queued
      // then is answered from the queue, without reading the image again.
      const id = handoverId ? `${handoverId}-${i}` : undefined;
      try {
        const known = id ? await queue.handedOver(id) : undefined;
        if (known) {
          results.push({ ...known, src: image.src });
          continue;
        }
        const acquired = await acquireImage({ tabId, ...image }, capBytes);
        if ('needsOrigin' in acquired) {
          const site = acquired.needsOrigin.replace('/*', '');
          results.push({ status: 'refused', src: image.src, needsOrigin: acquired.needsOrigin, error: { kind: 'needs-permission', message: t('bg_allowSiteToUpload', site) } });
          continue;
        }
        const source = { srcUrl: image.src.startsWith('data:') ? 'data: URL' : image.src, ...(pageUrl ? { pageUrl } : {}) };
        results.push({ ...(await enqueueBytes(acquired.bytes, options, source, id)), src: image.src });
      } catch (e) {
        results.push({ status: 'refused', src: image.src, error: toErrorInfo(e) });
      }
    }
    return results;
  },
};
