/**
 * The request log tests read to check what the extension actually sent: method, path, query,
 * headers, a fingerprint of the body, and how the sandbox answered. A record is pushed when
 * the request arrives and completed as it's answered, so the log keeps arrival order and a
 * slow response already shows its status while its body is still streaming.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ChaosFault } from './chaos.js';
import type { Fault } from './knobs.js';

export interface RequestRecord {
  method: string;
  path: string;
  /** Query parameters; a repeated name keeps its first value. */
  query: Record<string, string>;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bodyLength: number;
  /** Hex SHA-256 of the request body (of zero bytes when there was none). */
  bodySha256: string;
  /** Status sent, or null while unanswered / when the connection was dropped. */
  status: number | null;
  /** The knob (or chaos) that decided the answer, if any; 'cutAfter': stored, then the connection cut. */
  fault: Fault | ChaosFault | null;
  /** Date.now() when the request arrived and when its connection finished (null until then). */
  start: number;
  end: number | null;
}

export const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

export function startRecord(req: IncomingMessage, url: URL): RequestRecord {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (!(name in query)) query[name] = value;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? '',
    path: url.pathname,
    query,
    headers,
    bodyLength: 0,
    bodySha256: EMPTY_SHA256,
    status: null,
    fault: null,
    start: Date.now(),
    end: null,
  };
}

export function recordBody(record: RequestRecord, body: Buffer): void {
  record.bodyLength = body.length;
  record.bodySha256 = createHash('sha256').update(body).digest('hex');
}
