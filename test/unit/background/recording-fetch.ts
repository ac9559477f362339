// Test helper: a fetch stand-in that records each request and answers from a script.
import { vi } from 'vitest';

export interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
}

export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function imageResponse(status = 200): Response {
  return new Response(PNG.slice(), { status, headers: { 'Content-Type': 'image/png' } });
}

export function textResponse(status: number, body = '', headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain', ...headers } });
}

/** A fetch spy; `respond` decides each answer (default: a 200 PNG). */
export function recordingFetch(respond: (req: SeenRequest) => Response | Promise<Response> = () => imageResponse()) {
  const requests: SeenRequest[] = [];
  const spy = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const req: SeenRequest = { url: String(input), method: init.method ?? 'GET', headers: new Headers(init.headers) };
    requests.push(req);
    return respond(req);
  });
  return { fetch: spy as unknown as typeof fetch, spy, requests };
}
