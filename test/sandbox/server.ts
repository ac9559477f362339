/**
 * A Glean-compatible sandbox: the two image endpoints under /rest/api/v1 with Glean's auth
 * rules, fault knobs, a request log, test-control endpoints and demo pages. Node's http only,
 * on 127.0.0.1, so tests and `npm start` need no network and no Glean instance.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX, handleApi } from './api.js';
import { Chaos } from './chaos.js';
import { CHAOS_CONTROL_PATH, handleChaosControl } from './chaos-routes.js';
import { GLOBAL_TOKEN, TokenRegistry, USER_TOKEN } from './auth.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { handleDemo } from './demo.js';
import { ImageDisk } from './image-disk.js';
import { ImageStore } from './image-store.js';
import { defaultKnobs, resetKnobs, type Knobs } from './knobs.js';
import { recordBody, startRecord, type RequestRecord } from './request-log.js';
import { sendText } from './respond.js';
import { seedImages } from './seed.js';
import { OAuthServer } from './oauth-server.js';
import { OAUTH_CONTROL_PREFIX, handleOAuth, handleOAuthControl, isOAuthPath } from './oauth-routes.js';

export { GLOBAL_TOKEN, USER_TOKEN } from './auth.js';
export { encodePng, solidPng } from './png.js';
export { SEED_PEOPLE } from './seed.js';
export type { Knobs } from './knobs.js';
export type { ChaosSettings, ChaosStats } from './chaos.js';
export type { RequestRecord } from './request-log.js';
export type { StoredImage } from './image-store.js';
export type { OAuthServer } from './oauth-server.js';
export { SANDBOX_CLIENT_ID } from './oauth-knobs.js';

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Keep uploads in this directory (created if needed) and load them at start. */
  dataDir?: string;
  /** Add the alice/bob/carol USER pictures (default true). */
  seed?: boolean;
}

export interface Sandbox {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  /** origin + "/rest/api/v1" */
  baseUrl: string;
  port: number;
  /** Live: change fields directly, the next request sees them. */
  knobs: Knobs;
  /** Seeded random faults for soak tests: `chaos.configure({...})`, then read `chaos.stats`. */
  chaos: Chaos;
  /** Live array of API and demo requests (not control requests), oldest first. */
  log: RequestRecord[];
  clearLog(): void;
  images: ImageStore;
  tokens: { user: string; global: string; registry: TokenRegistry };
  /** The OAuth authorization server (issuer = origin): its knobs and test helpers. */
  oauth: OAuthServer;
  /** Accept another user-scoped token. */
  addUserToken(token: string): void;
  /** Knobs to defaults, log emptied, images back to the seeded state (added tokens stay). */
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const seed = opts.seed ?? true;
  const images = new ImageStore(opts.dataDir ? new ImageDisk(opts.dataDir) : undefined);
  images.load();
  if (seed) seedImages(images);
  const knobs = defaultKnobs();
  const chaos = new Chaos();
  const registry = new TokenRegistry();
  const log: RequestRecord[] = [];
  const clearLog = () => void log.splice(0);
  const oauth = new OAuthServer(registry, () => origin);
  const reset = () => {
    resetKnobs(knobs);
    chaos.reset();
    clearLog();
    images.clear();
    if (seed) seedImages(images);
    oauth.reset();
  };

  let origin = '';
  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    if (url.pathname.startsWith(OAUTH_CONTROL_PREFIX)) return handleOAuthControl(oauth, req, res, url, body);
    if (url.pathname === CHAOS_CONTROL_PATH) return handleChaosControl(chaos, req, res, body);
    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      return handleControl({ knobs, log, tokens: registry, clearLog, reset }, req, res, url, body);
    }
    const record = startRecord(req, url);
    recordBody(record, body);
    log.push(record);
    res.once('close', () => (record.end = Date.now()));
    const onStatus = (status: number) => (record.status = status);
    if (url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`)) {
      return handleApi({ store: images, baseUrl, knobs, tokens: registry, chaos }, req, res, url, body, record);
    }
    if (isOAuthPath(url.pathname)) return handleOAuth(oauth, req, res, url, body, onStatus);
    if (url.pathname === '/' || url.pathname === '/demo' || url.pathname.startsWith('/demo/')) {
      return handleDemo(req, res, url, origin, baseUrl, onStatus);
    }
    return sendText({ res, slowBodyMs: 0, onStatus }, 404, 'not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('[sandbox] request failed:', error);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end('sandbox error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  baseUrl = `${origin}${API_PREFIX}`;

  return {
    origin,
    baseUrl,
    port,
    knobs,
    chaos,
    log,
    clearLog,
    images,
    tokens: { user: USER_TOKEN, global: GLOBAL_TOKEN, registry },
    oauth,
    addUserToken: (token) => registry.add(token, 'user'),
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
      }),
  };
}
