/**
 * Learns why a page's Glean image failed when the browser will not say: Firefox ends an image load
 * whose answer is not an image (a 404's or a 429's text) as "aborted", without its status. The
 * background then asks the backend itself for that image, one at a time and through the page
 * gate (so a 429 it meets pauses page loads, never the user's uploads), and takes the answer as
 * the page's. Bounded: one question at a time, none while page loads are paused.
 */
import { isGleanError } from '../glean/errors';
import type { ImageQuery } from '../glean/types';
import { configuredClient } from './gated-client';
import { pageGate } from './page-rules';

/** One failed load to explain. */
export interface Unexplained {
  tabId: number;
  frameId: number;
  url: string;
  /** Which document of the tab it was (see page-traffic.ts). */
  page: number;
}

/** What the backend said: its status (0 when it could not be reached) and any Retry-After. */
export interface Answer {
  status: number;
  retryAfterSeconds?: number;
}

/** The image a URL of the images endpoint names, as the API client takes it. */
function queryOf(url: string): ImageQuery {
  return Object.fromEntries(new URL(url).searchParams) as unknown as ImageQuery;
}

/** Asks the backend for `url` as the background, through the page gate. */
export async function askBackend(url: string): Promise<Answer> {
  try {
    await (await configuredClient(pageGate)).getImage(queryOf(url));
    return { status: 200 };
  } catch (e) {
    if (!isGleanError(e)) return { status: 0 };
    return { status: e.status ?? (e.kind === 'rate-limited' ? 429 : 0), ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}) };
  }
}

/**
 * Explains one failed load at a time. What fails while an answer is awaited, or while page loads
 * are paused, is held back (`hold`) rather than asked about: in a burst the first answer (often a
 * 429) speaks for the rest, and asking about each would spend the very rate the page ran out of.
 */
export function createProber(deps: {
  ask(url: string): Promise<Answer>;
  paused(): Promise<boolean>;
  hold(item: Unexplained): void;
  explained(item: Unexplained, answer: Answer): Promise<void>;
}) {
  let busy = false;
  return {
    async add(item: Unexplained): Promise<void> {
      if (busy || (await deps.paused())) return deps.hold(item);
      busy = true;
      try {
        await deps.explained(item, await deps.ask(item.url));
      } finally {
        busy = false;
      }
    },
  };
}
