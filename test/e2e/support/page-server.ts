/**
 * A second web site for e2e tests: pages (and stylesheets) a test sets, served from their own
 * origin, so the sandbox's images are cross-origin to them as on a real site. A real server, not a
 * Playwright route: Chromium treats a routed page's address as unknown, and its Local Network
 * Access rules then refuse the page's requests to 127.0.0.1.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** Serves `body` at `path` from now on (text/html unless `type` says otherwise). */
  set(path: string, body: string, type?: string): void;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, { body: string; type: string }>();
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    set: (path, body, type = 'text/html; charset=utf-8') => void pages.set(path, { body, type }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
