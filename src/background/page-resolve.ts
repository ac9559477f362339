/**
 * page.resolve: a content script names keys, never URLs; the background builds each request
 * itself, only for pages on sites the user enabled, and sends the bytes back as ArrayBuffers.
 */
import { toErrorInfo } from '../glean/errors';
import type { ResolvedImage } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import { configuredClient } from './gated-client';
import { gate } from './services';
import { isSiteEnabled } from './site-access';
import { GleanError } from '../glean/errors';

const CONCURRENCY = 4;

/** Fetches each distinct key once, a few at a time, keeping the order of the request. */
export async function resolveKeys(keys: string[], getImage: (key: string) => Promise<{ bytes: ArrayBuffer; contentType: string }>): Promise<ResolvedImage[]> {
  const distinct = [...new Set(keys)];
  const results = new Map<string, ResolvedImage>();
  let next = 0;
  async function worker() {
    while (next < distinct.length) {
      const key = distinct[next++]!;
      try {
        results.set(key, { key, ok: true, ...(await getImage(key)) });
      } catch (e) {
        results.set(key, { key, ok: false, error: toErrorInfo(e) });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, distinct.length) }, worker));
  return distinct.map((k) => results.get(k)!);
}

export const resolveHandlers: Handlers = {
  'page.resolve': async ({ keys }, sender) => {
    if (!(await isSiteEnabled(sender.url))) {
      throw new GleanError('invalid-input', 'Showing Glean images is not enabled on this site.');
    }
    const client = await configuredClient(gate);
    return resolveKeys(keys, (key) => client.getImage({ key }));
  },
};
