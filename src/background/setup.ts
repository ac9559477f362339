import { browser } from 'wxt/browser';
import { createRouter, type Handlers, type SenderInfo } from '../messaging/router';
import { testConnection } from './connection-test';
import { onCredentialsChanged } from './credentials';
import { imageHandlers } from './image-handlers';
import { pageImageHandlers, setupPageImages } from './page-images';
import { QUEUE_ALARM, queue } from './services';
import { settingsHandlers } from './settings-handlers';
import { dropRevokedSites, siteHandlers, syncContentScripts } from './site-access';
import { preferenceHandlers } from './preference-handlers';
import { tabHandlers } from './tab-handlers';
import { toastHandlers } from './toast-handlers';
import { createMenus, updateProfileTitle } from './context-menus';
import { onMenuClicked } from './right-click';
import { hasContextMenus } from './capabilities';
import { loadSettings } from '../db/settings';
import { uploadHandlers } from './upload-handlers';
import { oauthHandlers } from './oauth-handlers';
import { screenshotHandlers, setupScreenshotCommands } from './screenshot-handlers';

const connectionHandlers: Handlers = {
  'connection.test': ({ draft, token }) => testConnection(draft, token),
};

/** Wires every background listener; the entrypoint calls this and nothing else. */
export function setupBackground(): void {
  const route = createRouter(
    { ...settingsHandlers, ...connectionHandlers, ...imageHandlers, ...uploadHandlers, ...tabHandlers, ...siteHandlers, ...pageImageHandlers, ...toastHandlers, ...preferenceHandlers, ...oauthHandlers, ...screenshotHandlers },
    { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') },
  );
  browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender as SenderInfo));

  // No context menus on Firefox for Android: everything else (popup, options, pages) still works.
  if (hasContextMenus()) browser.contextMenus.onClicked.addListener(onMenuClicked);
  setupScreenshotCommands();
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void syncContentScripts();
    void loadSettings().then((s) => createMenus(s.userId));
    // First run: nothing works until Glean is configured, so show where to do it.
    if (reason === 'install') void browser.runtime.openOptionsPage();
  });
  browser.permissions.onRemoved.addListener(() => void dropRevokedSites());

  // The queue resumes on every start of the background: after it was stopped while idle, after a
  // browser restart (onStartup wakes it), and on its own alarm while uploads are pending.
  browser.runtime.onStartup.addListener(() => {
    void queue.pump();
    void loadSettings().then((s) => createMenus(s.userId));
  });
  onCredentialsChanged(() => loadSettings().then((s) => updateProfileTitle(s.userId)));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === QUEUE_ALARM) void queue.pump();
  });
  onCredentialsChanged(() => queue.credentialsChanged());
  void queue.start();
  setupPageImages();
  // Replaced at build time: a production build has `false` here, and no hook at all.
  if (import.meta.env.MODE === 'e2e') void import('./e2e-hooks').then((m) => m.installE2eHooks());
}
