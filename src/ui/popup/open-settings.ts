import { browser } from 'wxt/browser';

/** Opens the options page and closes the popup, which would otherwise sit on top of it. */
export function openSettings(): void {
  void browser.runtime.openOptionsPage().then(
    () => window.close(),
    () => {},
  );
}
