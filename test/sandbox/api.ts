/**
 * Everything under /rest/api/v1: preflight, then latency and armed faults, then routing
 * (404 / 405), then authentication, then the endpoint. Faults come before auth on purpose:
 * a real rate limiter or broken gateway answers whatever the request looked like.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, type TokenRegistry } from './auth.js';
import type { Chaos } from './chaos.js';
import { runThenCut } from './chaos-routes.js';
import { getImage, uploadImage, type ImagesContext } from './images-api.js';
import { takeFault, type Knobs } from './knobs.js';
import type { RequestRecord } from './request-log.js';
import type { TokenBuckets } from './token-bucket.js';
import { PREFLIGHT_HEADERS, send, sendText, type Reply } from './respond.js';

export const API_PREFIX = '/rest/api/v1';

export interface ApiContext extends ImagesContext {
  knobs: Knobs;
  tokens: TokenRegistry;
  buckets: TokenBuckets;
  /** Random faults for soak tests (chaos.ts); explicit knobs come first. */
  chaos?: Chaos;
}

interface Route {
  method: 'GET' | 'POST';
  handle: (ctx: ApiContext, req: IncomingMessage, url: URL, body: Buffer, reply: Reply) => Promise<void>;
}

const ROUTES: Record<string, Route> = {
  '/images': { method: 'GET', handle: (ctx, _req, url, _body, reply) => getImage(ctx, url, reply) },
  '/uploadimage': { method: 'POST', handle: (ctx, req, url, body, reply) => uploadImage(ctx, url, req.headers, body, reply) },
};

export async function handleApi(
  ctx: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
  record: RequestRecord,
): Promise<void> {
  const onStatus = (status: number) => (record.status = status);
  // Preflights are answered at once and never faulted: a failed preflight would show up in
  // the browser as an opaque CORS error, which is not what a fault test wants to simulate.
  if (req.method === 'OPTIONS') return send({ res, slowBodyMs: 0, onStatus }, 204, PREFLIGHT_HEADERS);

  const { knobs } = ctx;
  if (knobs.latencyMs > 0) await sleep(knobs.latencyMs);
  const reply: Reply = { res, slowBodyMs: knobs.slowBodyMs, onStatus };
  const fault = takeFault(knobs);
  const chaotic = fault ? undefined : ctx.chaos?.draw(url.pathname);
  record.fault = fault ?? chaotic ?? null;
  if (chaotic === 'cutAfter') {
    const status = await runThenCut(req, (muted) => route(ctx, req, url, body, muted));
    if (status === 200) ctx.chaos!.stats.cutAfterStored += 1;
    return;
  }
  switch (fault ?? chaotic) {
    case 'drop':
      req.socket.destroy();
      return;
    case 'rateLimit': {
      const retryAfter = chaotic ? ctx.chaos!.settings.retryAfter : knobs.rateLimit.retryAfter;
      return sendText(reply, 429, 'too many requests', retryAfter ? { 'retry-after': retryAfter } : {});
    }
    case 'unauthorized':
      return sendText(reply, 401, 'not authorized', { 'www-authenticate': 'Bearer' });
    case 'serverError':
      return sendText(reply, 500, 'internal server error');
  }
  if (knobs.tokenBucket) {
    const wait = ctx.buckets.take(req.headers.authorization ?? '', knobs.tokenBucket);
    if (wait > 0) {
      record.fault = 'rateLimit';
      return sendText(reply, 429, 'too many requests', { 'retry-after': String(wait) });
    }
  }

  return route(ctx, req, url, body, reply);
}

/** Routing (404 / 405), then authentication, then the endpoint. */
function route(ctx: ApiContext, req: IncomingMessage, url: URL, body: Buffer, reply: Reply): Promise<void> {
  const found = ROUTES[url.pathname.slice(API_PREFIX.length)];
  if (!found) return sendText(reply, 404, 'not found');
  if (req.method !== found.method) return sendText(reply, 405, 'method not allowed', { allow: found.method });

  const auth = authenticate(req.headers, ctx.tokens);
  if (!auth.ok) {
    return sendText(reply, auth.status, auth.reason, auth.status === 401 ? { 'www-authenticate': 'Bearer' } : {});
  }
  return found.handle(ctx, req, url, body, reply);
}
