/**
 * Firefox for Android (the manifest's gecko_android) has no `contextMenus`, `commands` or
 * `storage.managed`. The background must start there and answer the popup and options page. Before,
 * setup called `browser.contextMenus.onClicked.addListener` unguarded and threw at start.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setupBackground } from '../../../src/background/setup';
import { createMenus, updateProfileTitle } from '../../../src/background/context-menus';
import { hasContextMenus } from '../../../src/background/capabilities';
import { applyPolicy } from '../../../src/background/policy-apply';

const ANDROID_LACKS = ['contextMenus', 'menus', 'commands'] as const;

/** Makes the fake browser look like Firefox for Android: those APIs are simply not there. */
function likeAndroid(): void {
  const b = browser as unknown as Record<string, unknown> & { storage?: Record<string, unknown> };
  for (const api of ANDROID_LACKS) Object.defineProperty(b, api, { value: undefined, configurable: true });
  if (b.storage) Object.defineProperty(b.storage, 'managed', { value: undefined, configurable: true });
}

const popupSender = () => ({ id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') });

beforeEach(() => {
  fakeBrowser.reset();
  // Not implemented by WXT's fake browser; present on Android and desktop alike.
  vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(() => undefined);
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([]);
  vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockResolvedValue(undefined);
  vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockResolvedValue(undefined);
  likeAndroid();
});

describe('the background without context menus, commands or managed storage (Firefox for Android)', () => {
  it('starts, and answers the popup', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      expect(hasContextMenus()).toBe(false);
      expect(() => setupBackground()).not.toThrow();
      // What a browser start and an update fire; each builds the (missing) menus.
      await fakeBrowser.runtime.onStartup.trigger();
      await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false });
      const answers = await fakeBrowser.runtime.onMessage.trigger({ type: 'settings.get', payload: null }, popupSender());
      expect(answers.find((a: unknown) => a !== undefined)).toMatchObject({ ok: true, value: { apiBase: '' } });
      await expect(createMenus('alice')).resolves.toBeUndefined();
      await expect(updateProfileTitle('alice')).resolves.toBeUndefined();
      // Let the listeners' own promises settle: the install's content-script sync (slow under load)
      // and policy reading run on after the triggers return, and must not outlive this test's fakes.
      await vi.waitFor(() => expect(fakeBrowser.scripting.getRegisteredContentScripts).toHaveBeenCalled());
      await applyPolicy();
      await new Promise((r) => setImmediate(r));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
