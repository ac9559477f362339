/**
 * Every message handler of the background, gathered from the features' maps into the one map the
 * router takes. Each message is answered by exactly one handler: a second one for the same message
 * is a mistake that a plain object spread would hide (the later one silently wins).
 */
import type { Handlers } from '../messaging/router';
import { testConnection } from './connection-test';
import { imageHandlers } from './image-handlers';
import { oauthHandlers } from './oauth-handlers';
import { pageImageHandlers } from './page-images';
import { policyHandlers } from './policy-handlers';
import { preferenceHandlers } from './preference-handlers';
import { screenshotHandlers } from './screenshot-handlers';
import { settingsHandlers } from './settings-handlers';
import { siteHandlers } from './site-access';
import { tabHandlers } from './tab-handlers';
import { toastHandlers } from './toast-handlers';
import { uploadHandlers } from './upload-handlers';

const connectionHandlers: Handlers = {
  'connection.test': ({ draft, token }) => testConnection(draft, token),
};

/** Merges handler maps; throws when two of them answer the same message. */
export function mergeHandlers(...maps: Handlers[]): Handlers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [type, handler] of Object.entries(map)) {
      if (Object.hasOwn(merged, type)) throw new Error(`Two handlers for the message "${type}".`);
      merged[type] = handler;
    }
  }
  return merged as Handlers;
}

/** The background's handlers, one per message of the protocol (handler-map.test.ts checks that). */
export function backgroundHandlers(): Handlers {
  return mergeHandlers(
    settingsHandlers,
    connectionHandlers,
    imageHandlers,
    uploadHandlers,
    tabHandlers,
    siteHandlers,
    pageImageHandlers,
    toastHandlers,
    preferenceHandlers,
    oauthHandlers,
    policyHandlers,
    screenshotHandlers,
  );
}
