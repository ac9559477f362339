import { browser } from 'wxt/browser';
import { originPattern } from '../glean/backend-url';

/**
 * Asks the browser for the backend's origin only. Call it synchronously inside the click that
 * needs it: Firefox and Chrome accept a permission request only during a user gesture.
 */
export function requestBackendAccess(apiBase: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(apiBase)] }).catch(() => false);
}
