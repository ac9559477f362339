/**
 * Writing answers. Every answer carries permissive CORS headers (harmless for the extension,
 * which fetches with host permissions, and it keeps page-context fetches working too), and
 * can be trickled out slowly to exercise a client's timeouts and progress handling.
 */
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Retry-After, Content-Type, Content-Length',
};

export const PREFLIGHT_HEADERS: Record<string, string> = {
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, accept, x-scio-actas, x-glean-actas, x-glean-auth-type',
  'access-control-max-age': '600',
};

/** Where an answer goes: the response, how slowly, and who wants to hear the status. */
export interface Reply {
  res: ServerResponse;
  slowBodyMs: number;
  onStatus?: (status: number) => void;
  /** Headers every answer through this reply carries on top of its own (a knob's). */
  headers?: Record<string, string>;
}

/** How many pieces a slow body is cut into. */
const SLOW_STEPS = 10;

export async function send(reply: Reply, status: number, headers: Record<string, string>, body: Buffer | string = ''): Promise<void> {
  const { res } = reply;
  if (res.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  reply.onStatus?.(status);
  res.writeHead(status, { ...CORS_HEADERS, 'content-length': String(bytes.length), ...headers, ...reply.headers });
  if (reply.slowBodyMs <= 0 || bytes.length === 0) {
    res.end(bytes);
    return;
  }
  // Headers now, then the body in pieces spread over slowBodyMs.
  res.flushHeaders();
  const steps = Math.min(SLOW_STEPS, bytes.length);
  const size = Math.ceil(bytes.length / steps);
  for (let offset = 0; offset < bytes.length; offset += size) {
    await sleep(reply.slowBodyMs / steps);
    if (res.destroyed) return; // client went away
    res.write(bytes.subarray(offset, offset + size));
  }
  res.end();
}

export function sendText(reply: Reply, status: number, message: string, headers: Record<string, string> = {}): Promise<void> {
  return send(reply, status, { 'content-type': 'text/plain; charset=utf-8', ...headers }, message);
}

export function sendJson(reply: Reply, status: number, value: unknown, headers: Record<string, string> = {}): Promise<void> {
  return send(reply, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(value));
}
