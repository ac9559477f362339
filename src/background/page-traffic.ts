/**
 * Watches (never touches) the image requests pages make to the Glean images endpoint: which did
 * not show and why, for the popup's "This page" tab, and a page's 429, which pauses page requests
 * alone until Retry-After (capped) and then has the held-back images asked for again.
 */
import { browser } from 'wxt/browser';
import { loadSettings } from '../db/settings';
import { errorForStatus } from '../glean/status-errors';
import { parseRetryAfter } from '../glean/retry-after';
import { t } from '../i18n/t';
import type { ErrorInfo, PageImageProblem } from '../messaging/protocol';
import { imagesEndpoint } from '../page-images/rules';
import { onCredentialsChanged } from './credentials';
import { onPageGateReopened, pageGate, pausePageRequests } from './page-rules';
import { askBackend, createProber, type Answer, type Unexplained } from './page-probe';
import { createRetryPump, type HeldBack } from './page-retry';

/** Without a Retry-After, pages wait this long after a 429 before asking again. */
const DEFAULT_PAUSE_SECONDS = 2;
/** Every Glean images endpoint ends so (the API base is always …/rest/api/v1). */
const FILTER_URLS = ['*://*/*rest/api/v1/images*'];

/** Times an image is asked for again before its failure stands. */
const MAX_TRIES = 3;

interface Seen {
  frameId: number;
  problem: ErrorInfo;
  /** Held back by a 429 or our pause: asked for again when the pause ends. */
  retry: boolean;
  /** How often it was asked for again. */
  tries: number;
}

const problems = new Map<number, Map<string, Seen>>();
const shownCount = new Map<number, number>();
let endpoint: Promise<string | null> | null = null;
onCredentialsChanged(() => {
  endpoint = null;
});

function endpointPrefix(): Promise<string | null> {
  endpoint ??= loadSettings().then((s) => (s.apiBase ? `${imagesEndpoint(s.apiBase)}?` : null));
  return endpoint;
}

/** Notes why a tab's image did not show, and whether to ask for it again (while tries are left). */
function note(tabId: number, frameId: number, url: string, problem: ErrorInfo, retry: boolean): void {
  let map = problems.get(tabId);
  if (!map) problems.set(tabId, (map = new Map()));
  const tries = map.get(url)?.tries ?? 0;
  map.set(url, { frameId, problem, retry: retry && tries < MAX_TRIES, tries });
}

const heldBack = (): ErrorInfo => ({ kind: 'rate-limited', message: t('bg_pagePaused') });

type Details = { requestId: string; url: string; tabId: number; frameId: number; statusCode?: number; error?: string; responseHeaders?: { name: string; value?: string }[] };

async function ours(d: Details): Promise<boolean> {
  const prefix = await endpointPrefix();
  return d.tabId >= 0 && prefix !== null && d.url.startsWith(prefix);
}

/** Requests whose answer was seen (by status): their later error, if any, adds nothing. */
const answered = new Set<string>();

/** Records what the backend answered for a page's image load. */
async function record(tabId: number, frameId: number, url: string, answer: Answer): Promise<void> {
  const { status } = answer;
  if (status >= 200 && status < 400) {
    problems.get(tabId)?.delete(url);
    shownCount.set(tabId, (shownCount.get(tabId) ?? 0) + 1);
    return;
  }
  const error = errorForStatus(status, url, undefined, answer.retryAfterSeconds);
  note(tabId, frameId, url, { kind: error.kind, message: error.message, status }, status === 429);
  if (status === 429) await pausePageRequests(answer.retryAfterSeconds ?? DEFAULT_PAUSE_SECONDS);
}

// Headers, not completion: the status is known here in both browsers, even where the load then
// ends as an error.
async function onHeaders(d: Details): Promise<void> {
  answered.add(d.requestId); // at once: the error that may follow must find it
  if (!(await ours(d))) return;
  const header = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'retry-after')?.value ?? null;
  const retryAfter = d.statusCode === 429 ? parseRetryAfter(header) : undefined;
  await record(d.tabId, d.frameId, d.url, { status: d.statusCode ?? 0, ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}) });
}

const prober = createProber({
  ask: askBackend,
  paused: async () => (await pageGate.blockedUntil()) > 0,
  hold: ({ tabId, frameId, url }) => note(tabId, frameId, url, heldBack(), true),
  async explained({ tabId, frameId, url, page }: Unexplained, answer: Answer) {
    if (pageOf(tabId) !== page) return; // the tab shows another page by now
    if (answer.status === 0) return; // the backend is out of reach: the network error stands
    if (answer.status >= 200 && answer.status < 400) {
      // Fine after all (the load was cut short): asked for again, as what was held back with it.
      note(tabId, frameId, url, heldBack(), true);
      pump.kick();
      return;
    }
    await record(tabId, frameId, url, answer);
    pump.kick(); // what was held back meanwhile, unless this answer paused page loads
  },
});

async function onError(d: Details): Promise<void> {
  if (answered.delete(d.requestId) || !(await ours(d))) return;
  // Our own pause blocked it (Chrome's words): asked for again when the pause ends.
  if (/BLOCKED_BY_CLIENT/i.test(d.error ?? '')) return note(d.tabId, d.frameId, d.url, heldBack(), true);
  note(d.tabId, d.frameId, d.url, { kind: 'network', message: t('bg_pageImageNetwork', d.error ?? '') }, false);
  // Firefox ends a load whose answer is no image (a 404's or 429's text, and its own blocked
  // loads) as aborted, status unsaid: the backend is asked what it was. (Chrome says every
  // status; its aborts are the page's own doing.)
  if (import.meta.env.FIREFOX && /ABORT/i.test(d.error ?? '')) prober.add({ tabId: d.tabId, frameId: d.frameId, url: d.url, page: pageOf(d.tabId) });
}

/** Hands out held-back images, oldest first, each once (a new 429 holds it back again). */
function takeHeldBack(max: number): HeldBack[] {
  const out: HeldBack[] = [];
  for (const [tabId, seen] of problems) {
    for (const [url, s] of seen) {
      if (out.length >= max) return out;
      if (!s.retry) continue;
      s.retry = false;
      s.tries++;
      out.push({ tabId, frameId: s.frameId, url });
    }
  }
  return out;
}

const pump = createRetryPump({ take: takeHeldBack, paused: async () => (await pageGate.blockedUntil()) > 0 });

/** What went wrong with a tab's Glean images, and how many showed. */
export function tabImageReport(tabId: number): { shown: number; problems: PageImageProblem[] } {
  const list = [...(problems.get(tabId) ?? new Map<string, Seen>())].map(([url, s]) => ({ url, error: s.problem }));
  return { shown: shownCount.get(tabId) ?? 0, problems: list };
}

type WebRequestEvent = { addListener(l: (d: never) => void, filter: unknown, extra?: string[]): void; removeListener(l: (d: never) => void): void };

const headersListener = (d: Details) => void onHeaders(d);
const errorListener = (d: Details) => void onError(d);
const doneListener = (d: Details) => void answered.delete(d.requestId);

/**
 * (Re)adds the webRequest listeners. Chromium hands a listener the requests of the hosts granted
 * when it was added, so a site granted later is heard only after adding it again (seen in
 * Chromium 156: nothing reached a listener added before the grant).
 */
function listen(): void {
  const events = browser.webRequest as unknown as { onHeadersReceived: WebRequestEvent; onCompleted: WebRequestEvent; onErrorOccurred: WebRequestEvent };
  // Firefox reports <img srcset> and <picture> loads as "imageset"; Chrome knows no such type.
  const filter = { urls: FILTER_URLS, types: import.meta.env.FIREFOX ? ['image', 'imageset'] : ['image'] };
  events.onHeadersReceived.removeListener(headersListener);
  events.onErrorOccurred.removeListener(errorListener);
  events.onCompleted.removeListener(doneListener);
  events.onHeadersReceived.addListener(headersListener, filter, ['responseHeaders']);
  events.onErrorOccurred.addListener(errorListener, filter);
  events.onCompleted.addListener(doneListener, filter);
}

/** Starts watching; called once at background start (listeners must be added at once). */
export function watchPageImageTraffic(): void {
  listen();
  browser.permissions.onAdded.addListener(listen);
  onPageGateReopened(() => pump.kick());
  // A new document in the tab starts a new report.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') forgetTab(tabId);
  });
  browser.tabs.onRemoved.addListener(forgetTab);
}

/** Counts the documents each tab loaded, so late answers about an earlier one are dropped. */
const pages = new Map<number, number>();
const pageOf = (tabId: number) => pages.get(tabId) ?? 0;

function forgetTab(tabId: number): void {
  pages.set(tabId, pageOf(tabId) + 1);
  problems.delete(tabId);
  shownCount.delete(tabId);
}
