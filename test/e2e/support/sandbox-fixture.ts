import type { Sandbox } from '../../sandbox/server';

/** The demo page's address on a running sandbox. */
export function demoUrl(sandbox: Sandbox): string {
  return `${sandbox.origin}/demo/`;
}

/** API requests only (the demo page's own files are logged too). */
export function apiRequests(sandbox: Sandbox) {
  return sandbox.log.filter((r) => r.path.startsWith('/rest/api/v1/'));
}

export { solidPng, startSandbox, type Sandbox } from '../../sandbox/server';

/** The keys the backend served with 200 to a load that carried the token (the extension's rules). */
export function keysServed(sandbox: Sandbox): Set<string> {
  return new Set(apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/images' && r.headers.authorization && r.status === 200).flatMap((r) => r.query.key ?? []));
}
