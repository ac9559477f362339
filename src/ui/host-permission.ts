import { browser } from 'wxt/browser';
import { originPattern } from '../glean/backend-url';

/**
 * Asks the browser for the backend's origin only. Call it synchronously inside the click that
 * needs it: Firefox and Chrome accept a permission request only during a user gesture.
 */
export function requestBackendAccess(apiBase: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(apiBase)] }).catch(() => false);
}

/** Asks for several origins at once (the backend and an OAuth issuer), inside the click, as above. */
export function requestAccess(urls: string[]): Promise<boolean> {
  const origins = [...new Set(urls.map(originPattern))];
  return browser.permissions.request({ origins }).catch(() => false);
}
