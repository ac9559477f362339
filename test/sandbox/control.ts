/**
 * Test-control endpoints under /__sandbox/, for tests that drive the sandbox from another
 * process (e2e, `npm start`). No token needed and never logged, so controlling the sandbox
 * doesn't disturb what a test asserts about the extension's own requests.
 *   GET  /__sandbox/knobs          current knobs
 *   POST /__sandbox/knobs          merge a JSON patch, answer the knobs
 *   POST /__sandbox/reset          knobs, log and images back to the start state
 *   GET  /__sandbox/log            the request log (JSON array)
 *   POST /__sandbox/log/clear      empty the log
 *   POST /__sandbox/tokens         {"token": "...", "kind": "user"|"global"|"oauth"|"oauth-external"} accepts another token
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenKind, TokenRegistry } from './auth.js';
import { mergeKnobs, type Knobs } from './knobs.js';
import type { RequestRecord } from './request-log.js';
import { PREFLIGHT_HEADERS, send, sendJson, sendText, type Reply } from './respond.js';

export const CONTROL_PREFIX = '/__sandbox/';

export interface ControlContext {
  knobs: Knobs;
  log: RequestRecord[];
  tokens: TokenRegistry;
  clearLog(): void;
  reset(): void;
}

const TOKEN_KINDS: readonly TokenKind[] = ['user', 'global', 'oauth', 'oauth-external'];

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.length ? body.toString('utf8') : '{}') };
  } catch {
    return { ok: false };
  }
}

export async function handleControl(ctx: ControlContext, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
  const reply: Reply = { res, slowBodyMs: 0 };
  const route = `${req.method} ${url.pathname.slice(CONTROL_PREFIX.length)}`;
  if (req.method === 'OPTIONS') return send(reply, 204, PREFLIGHT_HEADERS);
  const json = parseJson(body);
  if (!json.ok) return sendText(reply, 400, 'body is not JSON');

  switch (route) {
    case 'GET knobs':
      return sendJson(reply, 200, ctx.knobs);
    case 'POST knobs':
      try {
        mergeKnobs(ctx.knobs, json.value);
      } catch (error) {
        return sendText(reply, 400, (error as Error).message);
      }
      return sendJson(reply, 200, ctx.knobs);
    case 'POST reset':
      ctx.reset();
      return sendJson(reply, 200, { ok: true });
    case 'GET log':
      return sendJson(reply, 200, ctx.log);
    case 'POST log/clear':
      ctx.clearLog();
      return sendJson(reply, 200, { ok: true });
    case 'POST tokens': {
      const { token, kind } = (json.value ?? {}) as { token?: unknown; kind?: unknown };
      if (typeof token !== 'string' || !/^\S+$/.test(token) || !TOKEN_KINDS.includes(kind as TokenKind)) {
        return sendText(reply, 400, 'expected {"token": "<word>", "kind": "user"|"global"|"oauth"|"oauth-external"}');
      }
      ctx.tokens.add(token, kind as TokenKind);
      return sendJson(reply, 200, { ok: true });
    }
    default:
      return sendText(reply, 404, `no control endpoint ${route}`);
  }
}
