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
