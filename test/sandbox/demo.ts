/**
 * Static demo pages under /demo/ (no auth), for `npm start` and the e2e tests: files from
 * test/sandbox/demo/, with {{BASE_URL}}-style placeholders filled in for .html files, plus
 * generated pictures at /demo/img/<colour>.png so the repo holds no binaries.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { resolve, sep } from 'node:path';
import { GLOBAL_TOKEN, USER_TOKEN } from './auth.js';
import { staticType } from './mime.js';
import { gradientPng, hexColour } from './pictures.js';
import { send, sendText, type Reply } from './respond.js';

export const DEMO_DIR = fileURLToPath(new URL('./demo/', import.meta.url));

/** The ordinary pictures the demo page shows, 320x200. */
export const DEMO_PICTURES: Record<string, string> = {
  red: '#d62828', green: '#2a9d8f', blue: '#277da1',
  // One more per source kind on sources.html, so no two uploads there are duplicates.
  amber: '#f4a261', violet: '#7b2cbf', teal: '#0f766e', pink: '#db2777', navy: '#1e3a8a', olive: '#65a30d',
};

const pictureCache = new Map<string, Buffer>();

function demoPicture(name: string): Buffer | undefined {
  const colour = DEMO_PICTURES[name];
  if (!colour) return undefined;
  let png = pictureCache.get(name);
  if (!png) pictureCache.set(name, (png = gradientPng(hexColour(colour))));
  return png;
}

/** The same server under another name: a second origin for cross-origin images and frames. */
export function otherOrigin(origin: string): string {
  return origin.replace('//127.0.0.1:', '//localhost:');
}

export function fillPlaceholders(html: string, origin: string, baseUrl: string): string {
  const values: Record<string, string> = { ORIGIN: origin, OTHER_ORIGIN: otherOrigin(origin), BASE_URL: baseUrl, USER_TOKEN, GLOBAL_TOKEN };
  return html.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export async function handleDemo(req: IncomingMessage, res: ServerResponse, url: URL, origin: string, baseUrl: string, onStatus: (s: number) => void): Promise<void> {
  const reply: Reply = { res, slowBodyMs: 0, onStatus };
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(reply, 405, 'method not allowed', { allow: 'GET, HEAD' });
  if (url.pathname === '/' || url.pathname === '/demo') return send(reply, 302, { location: '/demo/' });

  const picture = /^\/demo\/img\/([a-z]+)\.png$/.exec(url.pathname);
  if (picture) {
    const png = demoPicture(picture[1]!);
    return png ? send(reply, 200, { 'content-type': 'image/png' }, png) : sendText(reply, 404, 'not found');
  }

  // A CDN that sends no CORS headers: pages may show its pictures but not read them, so only the
  // extension, with the site's permission, can.
  const cdn = /^\/demo\/cdn\/([a-z]+)\.png$/.exec(url.pathname);
  if (cdn) {
    const png = demoPicture(cdn[1]!);
    if (!png) return sendText(reply, 404, 'not found');
    onStatus(200);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) });
    res.end(png);
    return;
  }

  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname.slice('/demo/'.length)) || 'index.html';
  } catch {
    return sendText(reply, 400, 'bad path');
  }
  const path = resolve(DEMO_DIR, relative);
  // Never serve anything outside the demo directory.
  if (!path.startsWith(resolve(DEMO_DIR) + sep) || !existsSync(path) || !statSync(path).isFile()) {
    return sendText(reply, 404, 'not found');
  }
  const type = staticType(path);
  const content = readFileSync(path);
  const body = type.startsWith('text/html') ? fillPlaceholders(content.toString('utf8'), origin, baseUrl) : content;
  return send(reply, 200, { 'content-type': type, 'cache-control': 'no-store' }, body);
}
