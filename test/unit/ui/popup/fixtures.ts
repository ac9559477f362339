/**
 * Shared test data and a fake background for the popup's component tests. Each test file mocks
 * `send` itself (vi.mock is per file); `answer` then gives the mock a handler per message type.
 * The fake checks each message as the real router does (sender kind and payload schema): a page
 * that sends what the background would refuse gets the refusal, and the test fails.
 */
import * as v from 'valibot';
import { afterEach, expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HistoryEntry } from '../../../../src/history/types';
import { SENDER_OF, type MessageType, type QueueBroadcast, type RequestOf, type ResponseOf } from '../../../../src/messaging/protocol';
import { REQUEST_SCHEMAS } from '../../../../src/messaging/schemas';
import { MessageError, send } from '../../../../src/messaging/send';
import type { JobSummary } from '../../../../src/queue/types';
import type { PublicSettings } from '../../../../src/settings/types';

export type Handlers = { [T in MessageType]?: (payload: RequestOf<T>) => ResponseOf<T> | Promise<ResponseOf<T>> };

/** Messages this file's pages sent that the real router would have refused, with the reason. */
const refusedByRouter: string[] = [];

afterEach(() => {
  const refused = refusedByRouter.splice(0);
  expect(refused, 'messages the background would refuse').toEqual([]);
});

/** Why the real router would refuse this message from an extension page, or null when it takes it. */
export function routerRefusal(type: string, payload: unknown): string | null {
  if (!Object.hasOwn(SENDER_OF, type)) return `unknown message "${type}"`;
  const known = type as MessageType;
  if (SENDER_OF[known] !== 'page') return `"${type}" is not taken from extension pages`;
  const parsed = v.safeParse(REQUEST_SCHEMAS[known], payload);
  return parsed.success ? null : `malformed "${type}": ${parsed.issues.map((i) => `${v.getDotPath(i) ?? '(payload)'}: ${i.message}`).join('; ')}`;
}

/** Makes the mocked `send` answer with these handlers; anything else rejects as the router would. */
export function answer(handlers: Handlers) {
  const mock = vi.mocked(send);
  mock.mockReset();
  mock.mockImplementation((async (type: MessageType, payload: unknown) => {
    const refusal = routerRefusal(type, payload);
    if (refusal) {
      refusedByRouter.push(refusal);
      throw new MessageError({ kind: 'refused', message: refusal });
    }
    const handler = handlers[type] as ((p: unknown) => unknown) | undefined;
    if (!handler) throw new MessageError({ kind: 'refused', message: `"${type}" is not available.` });
    return handler(payload);
  }) as typeof send);
  return mock;
}

/** The payloads `send` was called with for one message type. */
export function sent<T extends MessageType>(type: T): RequestOf<T>[] {
  return vi.mocked(send).mock.calls.filter(([t]) => t === type).map(([, p]) => p as RequestOf<T>);
}

export const fail = (kind: string, message: string, extra: Partial<MessageError['info']> = {}) =>
  new MessageError({ kind, message, ...extra });

export function settings(over: Partial<PublicSettings> = {}): PublicSettings {
  return { apiBase: 'https://acme-be.glean.com/rest/api/v1', tokenType: 'user', actAs: '', userId: 'alice', hasToken: true, ...over };
}

let clock = 1_700_000_000_000;

export function job(over: Partial<JobSummary> = {}): JobSummary {
  clock += 1000;
  return {
    id: 'job-1',
    state: 'queued',
    mime: 'image/png',
    size: 120,
    width: 8,
    height: 8,
    metadata: { type: 'UGC', id: 'c1' },
    fingerprint: 'fp',
    source: { fileName: 'cat.png' },
    attempts: 0,
    notBefore: 0,
    resent: false,
    notes: [],
    createdAt: clock,
    updatedAt: clock,
    ...over,
  };
}

export function entry(over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: 'job-0',
    key: 'key-0',
    url: 'https://acme-be.glean.com/rest/api/v1/images?key=key-0',
    metadata: { type: 'UGC', id: 'c0' },
    mime: 'image/png',
    size: 2048,
    width: 64,
    height: 32,
    createdAt: Date.UTC(2025, 0, 2, 10, 0),
    fingerprint: 'fp0',
    fileName: 'earlier.png',
    ...over,
  };
}

/** Broadcasts a change of jobs the way the background does. */
export async function broadcast(j: JobSummary | JobSummary[], pause: QueueBroadcast['pause'] = null): Promise<void> {
  const message: QueueBroadcast = { event: 'queue.changed', jobs: Array.isArray(j) ? j : [j], counts: { queued: 0, uploading: 0, failed: 0, paused: 0 }, pause };
  await fakeBrowser.runtime.onMessage.trigger(message, {});
}

/** The first bytes of a PNG: enough for the popup's sniffing. */
export const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 8, 0, 0, 0, 8, 8, 6, 0, 0, 0]);

export const pngFile = (name = 'cat.png') => new File([PNG_BYTES], name, { type: 'image/png' });

export const svgFile = (name = 'logo.svg') =>
  new File(['<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"></svg>'], name, { type: 'image/svg+xml' });

/** Image bytes as `image.get` answers them. */
export const imageBytes = (contentType = 'image/png') => ({ bytes: PNG_BYTES.slice().buffer as ArrayBuffer, contentType });

/** A clipboard that records what was written, installed on navigator. */
export function fakeClipboard(refuse = false) {
  const texts: string[] = [];
  const items: unknown[] = [];
  const clipboard = {
    writeText: vi.fn(async (t: string) => {
      if (refuse) throw new Error('denied');
      texts.push(t);
    }),
    write: vi.fn(async (i: unknown[]) => {
      if (refuse) throw new Error('denied');
      items.push(...i);
    }),
  };
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  return { texts, items, clipboard };
}
