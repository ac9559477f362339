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
import { onCredentialsChanged } from './credentials';
import { onPageGateReopened, pausePageRequests } from './page-rules';
import { retryInFrames } from './page-retry';

/** Without a Retry-After, pages wait this long after a 429 before asking again. */
const DEFAULT_PAUSE_SECONDS = 2;
/** Every Glean images endpoint ends so (the API base is always …/rest/api/v1). */
const FILTER_URLS = ['*://*/*rest/api/v1/images*'];

interface Seen {
  frameId: number;
  problem: ErrorInfo;
  /** Held back by a 429 or our pause: asked for again when the pause ends. */
  retry: boolean;
}

const problems = new Map<number, Map<string, Seen>>();
const shownCount = new Map<number, number>();
let endpoint: Promise<string | null> | null = null;
onCredentialsChanged(() => {
  endpoint = null;
});

function endpointPrefix(): Promise<string | null> {
  endpoint ??= loadSettings().then((s) => (s.apiBase ? `${s.apiBase.replace(/\/+$/, '')}/images?` : null));
  return endpoint;
}

function tabProblems(tabId: number): Map<string, Seen> {
  let map = problems.get(tabId);
  if (!map) problems.set(tabId, (map = new Map()));
  return map;
}

type Details = { url: string; tabId: number; frameId: number; statusCode?: number; error?: string; responseHeaders?: { name: string; value?: string }[] };

async function ours(d: Details): Promise<boolean> {
  const prefix = await endpointPrefix();
  return d.tabId >= 0 && prefix !== null && d.url.startsWith(prefix);
}

async function onCompleted(d: Details): Promise<void> {
  if (!(await ours(d))) return;
  const status = d.statusCode ?? 0;
  if (status >= 200 && status < 400) {
    problems.get(d.tabId)?.delete(d.url);
    shownCount.set(d.tabId, (shownCount.get(d.tabId) ?? 0) + 1);
    return;
  }
  const header = d.responseHeaders?.find((h) => h.name.toLowerCase() === 'retry-after')?.value ?? null;
  const retryAfter = status === 429 ? parseRetryAfter(header) : undefined;
  const error = errorForStatus(status, d.url, undefined, retryAfter);
  tabProblems(d.tabId).set(d.url, { frameId: d.frameId, problem: { kind: error.kind, message: error.message, status }, retry: status === 429 });
  if (status === 429) await pausePageRequests(retryAfter ?? DEFAULT_PAUSE_SECONDS);
}

async function onError(d: Details): Promise<void> {
  if (!(await ours(d))) return;
  // Our own pause blocks the request (Chrome and Firefox word it differently); anything else is
  // the network's doing.
  const paused = /BLOCKED_BY_CLIENT|NS_ERROR_ABORT|blocked/i.test(d.error ?? '');
  const problem = paused ? { kind: 'rate-limited', message: t('bg_pagePaused') } : { kind: 'network', message: t('bg_pageImageNetwork', d.error ?? '') };
  tabProblems(d.tabId).set(d.url, { frameId: d.frameId, problem, retry: paused });
}

/** Asks again, frame by frame, for what a pause held back. */
function retryHeldBack(): void {
  for (const [tabId, seen] of problems) {
    const frames = new Map<number, string[]>();
    for (const [url, s] of seen) if (s.retry) frames.set(s.frameId, [...(frames.get(s.frameId) ?? []), url]);
    if (frames.size) void retryInFrames(tabId, frames, (urls) => retried(tabId, urls));
  }
}

/** What went wrong with a tab's Glean images, and how many showed. */
export function tabImageReport(tabId: number): { shown: number; problems: PageImageProblem[] } {
  const list = [...(problems.get(tabId) ?? new Map<string, Seen>())].map(([url, s]) => ({ url, error: s.problem }));
  return { shown: shownCount.get(tabId) ?? 0, problems: list };
}

/** Starts watching; called once at background start (listeners must be added at once). */
export function watchPageImageTraffic(): void {
  const add = (types: string[]) => {
    const filter = { urls: FILTER_URLS, types } as Parameters<typeof browser.webRequest.onCompleted.addListener>[1];
    browser.webRequest.onCompleted.addListener((d) => void onCompleted(d as Details), filter, ['responseHeaders']);
    browser.webRequest.onErrorOccurred.addListener((d) => void onError(d as Details), filter);
  };
  try {
    // Firefox reports <img srcset> and <picture> loads as "imageset"; Chrome knows no such type.
    add(['image', 'imageset']);
  } catch {
    add(['image']);
  }
  onPageGateReopened(retryHeldBack);
  // A new document in the tab starts a new report.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') forgetTab(tabId);
  });
  browser.tabs.onRemoved.addListener(forgetTab);
}

function forgetTab(tabId: number): void {
  problems.delete(tabId);
  shownCount.delete(tabId);
}

/** Marks a tab's held-back images as asked for again (the retry went out). */
function retried(tabId: number, urls: string[]): void {
  const seen = problems.get(tabId);
  for (const url of urls) {
    const s = seen?.get(url);
    if (s) s.retry = false;
  }
}
