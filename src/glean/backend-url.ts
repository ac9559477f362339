/**
 * Turns what a user typed (an instance name like `acme`, or a backend address in any of its
 * usual spellings) into the API base every request is built on: `https://acme-be.glean.com/rest/api/v1`.
 */

import { t } from '../i18n/t';
import { GleanError } from './errors';

const API_PATH = '/rest/api/v1';

// An instance name is one DNS label: letters, digits and inner hyphens (e.g. `acme-prod`).
const INSTANCE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

// A scheme is present only if what follows the colon is not a port (`localhost:8787` has none).
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i;

function invalid(message: string): GleanError {
  return new GleanError('invalid-input', message);
}

/** True for hosts that are this computer, the only ones plain http:// is allowed for. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  // URL already canonicalises IPv4 (e.g. `127.1` -> `127.0.0.1`) and brackets IPv6.
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

// URL accepts host names DNS never would (`-acme`, `a..b`); catch typos here, not as a network error.
const DNS_LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

function isPlausibleHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return true; // IPv6, already validated by URL
  const labels = hostname.replace(/\.$/, '').split('.');
  return labels.every((label) => label.length <= 63 && DNS_LABEL.test(label));
}

/** Normalises a Glean instance name or backend address to the API base URL, or throws 'invalid-input'. */
export function normalizeBackendUrl(input: string): string {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') {
    throw invalid(t('glean_backendEmpty'));
  }
  if (INSTANCE_NAME.test(text) && text.toLowerCase() !== 'localhost') {
    return `https://${text.toLowerCase()}-be.glean.com${API_PATH}`;
  }
  // Query and fragment are checked on the raw text too: `https://x/?` parses to an empty search.
  if (/[?#]/.test(text)) {
    throw invalid(t('glean_backendQuery'));
  }

  const withScheme = HAS_SCHEME.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(t('glean_backendNotAddress', text));
  }

  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(t('glean_backendScheme', url.protocol));
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw invalid(t('glean_backendHttp'));
  }
  if (url.username !== '' || url.password !== '') {
    // A user:password@ part would be sent along with the token; the token is all Glean needs.
    throw invalid(t('glean_backendCredentials'));
  }
  if (!isPlausibleHost(url.hostname)) {
    throw invalid(t('glean_backendNotAddress', text));
  }

  const path = url.pathname.replace(/\/+$/, '');
  if (path === '') return `${url.origin}${API_PATH}`;
  if (path.endsWith(API_PATH)) return `${url.origin}${path}`;
  throw invalid(t('glean_backendPath', text));
}

/** The origin (scheme, host, port) of an API base, e.g. `https://acme-be.glean.com`. */
export function backendOrigin(base: string): string {
  return new URL(base).origin;
}

/** The host permission match pattern for an API base, e.g. `https://acme-be.glean.com/*`. */
export function originPattern(base: string): string {
  // No port: Firefox rejects ports in match patterns, and Chrome treats a port-less pattern as any port.
  const url = new URL(base);
  return `${url.protocol}//${url.hostname}/*`;
}
