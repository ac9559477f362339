/**
 * APIs a browser the extension is listed for may lack. Firefox for Android (the manifest's
 * `gecko_android`) has no context menus, so there is no right-click upload there; the background
 * must still start, or the popup and options page would get no answers. Detected, not assumed by
 * browser name: a desktop build without them behaves the same.
 */
import { browser } from 'wxt/browser';

/** Whether this browser has context menus (`contextMenus`): not Firefox for Android. */
export function hasContextMenus(): boolean {
  // Where the namespace exists it is whole; Firefox for Android leaves it out altogether.
  return (browser as { contextMenus?: unknown }).contextMenus != null;
}
