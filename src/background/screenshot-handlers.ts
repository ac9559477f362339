/**
 * Screenshot messages from extension pages (the popup's buttons, the editor window, the options
 * page), and the keyboard shortcuts. The editor's upload goes through uploadShot, the one path
 * every screenshot takes into the upload queue.
 */
import { browser } from 'wxt/browser';
import { loadScreenshotPreferences, storeScreenshotPreferences } from '../db/screenshot-preferences';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import type { Handlers } from '../messaging/router';
import type { CaptureKind } from '../screenshots/preferences';
import { screenshot, start, uploadShot } from './screenshot-flow';
import { keptCapture } from './screenshot-store';

/** The manifest's `commands`: one shortcut per kind. */
export const SHOT_COMMANDS: Record<string, CaptureKind> = {
  'screenshot-visible': 'visible',
  'screenshot-region': 'region',
  'screenshot-page': 'page',
};

export const screenshotHandlers: Handlers = {
  'screenshot.start': async ({ tabId, kind }) => {
    const tab = await browser.tabs.get(tabId).catch(() => {
      throw new GleanError('invalid-input', t('bg_pageClosed'));
    });
    await screenshot({ id: tabId, windowId: tab.windowId!, ...(tab.url ? { url: tab.url } : {}) }, kind);
    return null;
  },
  'screenshot.get': async ({ id }) => {
    const capture = keptCapture(id);
    if (!capture) throw new GleanError('invalid-input', t('shot_captureGone'));
    const { blob, ...rest } = capture;
    return { ...rest, bytes: await blob.arrayBuffer() };
  },
  'screenshot.upload': ({ bytes, tabId, pageUrl, fileName, ...options }) =>
    uploadShot(bytes, options, { fileName, ...(tabId !== undefined ? { tabId } : {}), ...(pageUrl ? { pageUrl } : {}) }),
  'screenshot.preferences.get': () => loadScreenshotPreferences(),
  'screenshot.preferences.save': async (prefs) => {
    await storeScreenshotPreferences(prefs);
    return loadScreenshotPreferences();
  },
};

/** Listens for the shortcuts; the key press grants activeTab on the tab it was pressed in. */
export function setupScreenshotCommands(): void {
  // Firefox for Android has no shortcuts (no `commands`); everything else works without them.
  browser.commands?.onCommand.addListener((command: string, tab?: { id?: number; windowId?: number; url?: string }) => {
    const kind = SHOT_COMMANDS[command];
    if (!kind) return;
    const begin = (found?: { id?: number; windowId?: number; url?: string }) => found?.id !== undefined && start({ ...found, id: found.id }, kind);
    if (tab?.id !== undefined) return void begin(tab);
    void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => begin(active));
  });
}
