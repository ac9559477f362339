/**
 * Only in the e2e build (`--mode e2e`, never in a store package: test/build checks): lets a test
 * fire the right-click listener in Firefox, whose menus.onClicked cannot be dispatched from outside
 * the way Chromium's can. The call goes through a port from this extension's own pages only.
 */
import { browser } from 'wxt/browser';
import { onMenuClicked } from './right-click';

export const E2E_MENU_PORT = 'e2e-menu-click';

/** Listens for menu clicks sent by an e2e test from an extension page. */
export function installE2eHooks(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== E2E_MENU_PORT || !port.sender?.url?.startsWith(browser.runtime.getURL('/'))) return;
    port.onMessage.addListener((message: unknown) => {
      const { info, tab } = message as { info: Parameters<typeof onMenuClicked>[0]; tab: { id: number } };
      onMenuClicked(info, tab);
      port.postMessage('dispatched');
    });
  });
}
