// Test helper: a fetch stand-in that records what the client sent and answers from a script.
import { vi } from 'vitest';

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Headers;
  body: ArrayBuffer | undefined;
  init: RequestInit;
}

export type Responder = (req: RecordedRequest) => Response | Promise<Response>;

/** A fake fetch recording each request; `respond` decides the answer (default 200 image/png). */
export function fakeFetch(respond: Responder = () => pngResponse()) {
  const calls: RecordedRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const body = init.body;
    const req: RecordedRequest = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body:
        body === undefined || body === null
          ? undefined
          : body instanceof Blob
            ? await body.arrayBuffer()
            : (body as ArrayBuffer),
      init,
    };
    calls.push(req);
    return respond(req);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls, mock: fetch };
}

/** A fetch that never answers but rejects like a real fetch when its signal aborts. */
export function hangingFetch() {
  let called = 0;
  const fetch = (_input: RequestInfo | URL, init: RequestInit = {}) => {
    called++;
    return new Promise<Response>((_resolve, reject) => {
      const signal = init.signal;
      if (!signal) return;
      signal.addEventListener('abort', () => reject(signal.reason ?? new DOMException('Aborted', 'AbortError')), {
        once: true,
      });
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls: () => called };
}

export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngResponse(contentType = 'image/png'): Response {
  return new Response(PNG_BYTES.slice(), { status: 200, headers: { 'Content-Type': contentType } });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** What a browser's fetch returns for a redirect under `redirect: 'manual'` (not constructible). */
export function opaqueRedirectResponse(): Response {
  return {
    type: 'opaqueredirect',
    status: 0,
    ok: false,
    redirected: false,
    statusText: '',
    url: '',
    headers: new Headers(),
    body: null,
    bodyUsed: false,
    text: async () => '',
    arrayBuffer: async () => new ArrayBuffer(0),
    json: async () => null,
  } as unknown as Response;
}
