/**
 * Chaos over HTTP (GET/POST /__sandbox/chaos, see chaos.ts) and the answer of a request cut after
 * its endpoint ran: the endpoint writes into a reply that goes nowhere, then the socket is destroyed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Chaos } from './chaos.js';
import { CONTROL_PREFIX } from './control.js';
import { PREFLIGHT_HEADERS, send, sendJson, sendText, type Reply } from './respond.js';

export const CHAOS_CONTROL_PATH = `${CONTROL_PREFIX}chaos`;

export async function handleChaosControl(chaos: Chaos, req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
  const reply: Reply = { res, slowBodyMs: 0 };
  if (req.method === 'OPTIONS') return send(reply, 204, PREFLIGHT_HEADERS);
  if (req.method === 'GET') return sendJson(reply, 200, { settings: chaos.settings, stats: chaos.stats });
  if (req.method !== 'POST') return sendText(reply, 405, 'method not allowed', { allow: 'GET, POST' });
  try {
    chaos.configure(JSON.parse(body.length ? body.toString('utf8') : '{}'));
  } catch (error) {
    return sendText(reply, 400, (error as Error).message);
  }
  return sendJson(reply, 200, { settings: chaos.settings, stats: chaos.stats });
}

/**
 * Runs `endpoint` with a reply that writes nothing, then cuts the connection. Resolves with the
 * status the endpoint chose (200: an upload was stored although the client will never know).
 */
export async function runThenCut(req: IncomingMessage, endpoint: (reply: Reply) => Promise<void>): Promise<number | null> {
  let status: number | null = null;
  const sink = {
    destroyed: false,
    writeHead: () => sink,
    flushHeaders: () => undefined,
    write: () => true,
    end: () => sink,
  } as unknown as ServerResponse;
  await endpoint({ res: sink, slowBodyMs: 0, onStatus: (s) => (status = s) });
  req.socket.destroy();
  return status;
}
