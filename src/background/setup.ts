import { browser } from 'wxt/browser';
import { createRouter, type SenderInfo } from '../messaging/router';
import { backgroundHandlers } from './handler-map';
import { onCredentialsChanged } from './credentials';
import { setupPageImages } from './page-images';
import { QUEUE_ALARM } from './queue-wake';
import { queue } from './services';
import { dropRevokedSites, syncContentScripts } from './site-access';
import { createMenus, updateProfileTitle } from './context-menus';
import { onMenuClicked } from './right-click';
import { hasContextMenus } from './capabilities';
import { loadSettings } from '../db/settings';
import { applyPolicy } from './policy-apply';
import { onPolicyChanged } from './policy-source';
import { setupScreenshotCommands } from './screenshot-handlers';

/** Wires every background listener; the entrypoint calls this and nothing else. */
export function setupBackground(): void {
  const route = createRouter(
    backgroundHandlers(),
    { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') },
  );
  browser.runtime.onMessage.addListener((message: unknown, sender) => route(message, sender as SenderInfo));

  // No context menus on Firefox for Android: everything else (popup, options, pages) still works.
  if (hasContextMenus()) browser.contextMenus.onClicked.addListener(onMenuClicked);
  setupScreenshotCommands();
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void syncContentScripts();
    void loadSettings().then((s) => createMenus(s.userId));
    // First run: nothing works until Glean is configured, so show where to do it, after the
    // organisation's policy (if any) filled in what it sets.
    void applyPolicy().then(() => (reason === 'install' ? browser.runtime.openOptionsPage() : undefined));
  });
  browser.permissions.onRemoved.addListener(() => void dropRevokedSites());
  // A site the policy names is enabled as soon as the browser grants it.
  browser.permissions.onAdded.addListener(() => void applyPolicy());
  onPolicyChanged(() => void applyPolicy());

  // The queue resumes on every start of the background: after it was stopped while idle, after a
  // browser restart (onStartup wakes it), and on its own alarm while uploads are pending.
  browser.runtime.onStartup.addListener(() => {
    void queue.pump();
    void loadSettings().then((s) => createMenus(s.userId));
    void applyPolicy();
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
