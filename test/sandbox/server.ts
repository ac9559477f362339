/**
 * A Glean-compatible sandbox: the two image endpoints under /rest/api/v1 with Glean's auth
 * rules, fault knobs, a request log, test-control endpoints and demo pages. Node's http only,
 * on 127.0.0.1, so tests and `npm start` need no network and no Glean instance.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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
import { TokenBuckets } from './token-bucket.js';
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
  /** The external identity provider's port; 0 (the default) picks a free one. */
  externalPort?: number;
}

/** An identity provider outside Glean (like Okta or Entra ID), on an origin of its own. */
export interface ExternalProvider {
  /** "http://127.0.0.1:OTHER_PORT": its issuer. */
  origin: string;
  /** Its OAuth server: static client only; its tokens need `X-Glean-Auth-Type: OAUTH`. */
  oauth: OAuthServer;
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
  /** Glean's own OAuth authorization server (issuer = origin, DCR): its knobs and test helpers. */
  oauth: OAuthServer;
  /** An external identity provider Glean trusts; its requests go into the same log. */
  external: ExternalProvider;
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
  const buckets = new TokenBuckets();
  const chaos = new Chaos();
  const registry = new TokenRegistry();
  const log: RequestRecord[] = [];
  const clearLog = () => void log.splice(0);
  const oauth = new OAuthServer(registry, () => origin);
  const external = new OAuthServer(registry, () => externalOrigin, { tokenKind: 'oauth-external', registration: false });
  const reset = () => {
    resetKnobs(knobs);
    buckets.clear();
    chaos.reset();
    clearLog();
    images.clear();
    if (seed) seedImages(images);
    oauth.reset();
    external.reset();
  };

  let origin = '';
  let baseUrl = '';
  let externalOrigin = '';

  /** The external provider: OAuth paths only, logged like the rest. */
  async function handleExternal(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', externalOrigin);
    const body = await readBody(req);
    const record = startRecord(req, url);
    recordBody(record, body);
    log.push(record);
    res.once('close', () => (record.end = Date.now()));
    const onStatus = (status: number) => (record.status = status);
    if (isOAuthPath(url.pathname)) return handleOAuth(external, req, res, url, body, onStatus);
    return sendText({ res, slowBodyMs: 0, onStatus }, 404, 'not found');
  }

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
      return handleApi({ store: images, baseUrl, knobs, tokens: registry, buckets, chaos }, req, res, url, body, record);
    }
    if (isOAuthPath(url.pathname)) return handleOAuth(oauth, req, res, url, body, onStatus);
    if (url.pathname === '/' || url.pathname === '/demo' || url.pathname.startsWith('/demo/')) {
      return handleDemo(req, res, url, origin, baseUrl, onStatus);
    }
    return sendText({ res, slowBodyMs: 0, onStatus }, 404, 'not found');
  }

  const serve = (run: typeof handle) => createServer((req, res) => {
    run(req, res).catch((error: unknown) => {
      console.error('[sandbox] request failed:', error);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end('sandbox error');
      else res.destroy();
    });
  });
  const listen = (srv: Server, port: number) => new Promise<number>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve((srv.address() as AddressInfo).port));
  });
  const server = serve(handle);
  const port = await listen(server, opts.port ?? 0);
  origin = `http://127.0.0.1:${port}`;
  baseUrl = `${origin}${API_PREFIX}`;
  // Another port is another origin: the external provider is not the Glean instance.
  const externalServer = serve(handleExternal);
  externalOrigin = `http://127.0.0.1:${await listen(externalServer, opts.externalPort ?? 0)}`;
  const closeServer = (srv: Server) =>
    new Promise<void>((resolve, reject) => {
      srv.close((error) => (error ? reject(error) : resolve()));
      srv.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
    });

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
    external: { origin: externalOrigin, oauth: external },
    addUserToken: (token) => registry.add(token, 'user'),
    reset,
    close: async () => {
      await Promise.all([closeServer(server), closeServer(externalServer)]);
    },
  };
}
