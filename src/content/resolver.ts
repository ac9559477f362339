/**
 * Shows Glean images on pages of sites the user enabled. The background first tells us the
 * backend's address (never the token); when the page is idle one native query finds candidates
 * (nothing else runs on ordinary pages); references are parsed; what is near the viewport is asked
 * for first, in batches; later changes arrive through one batched MutationObserver.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { send } from '../messaging/send';
import { LocalUrls } from './local-urls';
import { MutationBatch, type Changes } from './mutation-batch';
import { imagesEndpoint, refMatcher } from './refs';
import { ResolveQueue } from './resolve-queue';
import { createRetries } from './retry';
import { candidateSelectors, findCandidates, type PageRefs } from './slots';
import { Tracker } from './tracker';

const WATCHED = ['src', 'srcset', 'style', 'data-glean-image-key'];
/** How far outside the viewport counts as near: about a screen ahead of a scroll. */
const NEAR = '800px';

/** Records main-thread time in the page's timeline (for measuring; cheap). */
function measure(name: string, start: number): void {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // An engine without measure options: nothing to record.
  }
}

/** The background's answer for this page, or null when it will not answer it (not enabled). */
const pageConfig = () => send('page.config', null).catch(() => null);

/** Starts the resolver for this page; everything stops and is put back when `ctx` ends. */
export function init(ctx: ContentScriptContext): void {
  const urls = new LocalUrls();
  const batch = new MutationBatch((run) => ctx.requestIdleCallback(run, { timeout: 100 }), onChanges);
  const mo = new MutationObserver((records) => batch.take(records));
  let quietDepth = 0;
  /** Runs our own DOM writes unseen by our observer (nested calls join the outer one). */
  const quiet = (write: () => void) => {
    if (quietDepth) return write();
    const pending = mo.takeRecords();
    quietDepth++;
    try {
      write();
    } finally {
      quietDepth--;
      mo.takeRecords(); // our own writes
    }
    if (pending.length) batch.take(pending);
  };
  const tracker = new Tracker(urls, quiet);
  /** What the scan and the updates look for on this page, once the backend is known. */
  let page: (PageRefs & { selectors: string[]; selector: string }) | null = null;

  function retry(id: string): void {
    const failed = tracker.failures.get(id);
    if (failed && tracker.forgetFailure(id)) queue.request(id, failed.ref, false);
  }
  const retries = createRetries({ setTimeout: (run, ms) => ctx.setTimeout(run, ms), epoch: async () => (await pageConfig())?.epoch ?? null, retry });
  const queue = new ResolveQueue({
    send: (refs) => send('page.resolve', { refs }),
    deliver: quiet, // one observer pause for a whole answer, not one per element
    onResult(id, outcome, ref) {
      tracker.result(id, outcome, ref);
      if (outcome.ok) retries.succeeded(id);
      else retries.failed(id, outcome.error);
    },
  });
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        const waiting = tracker.watchedBy(e.target).flatMap((el) => tracker.unsettled(el));
        if (!waiting.length) io.unobserve(e.target);
        for (const r of waiting) queue.request(r.id, r.ref, e.isIntersecting);
      }
    },
    { rootMargin: NEAR },
  );

  function consider(elements: Iterable<Element>): void {
    for (const el of elements) {
      const target = tracker.update(el, page!);
      if (!target) continue;
      io.unobserve(target); // observing anew gives a first report for what it now waits for
      io.observe(target);
    }
  }

  function onChanges({ added, changed, removed }: Changes): void {
    const start = performance.now();
    if (removed && tracker.size) tracker.sweep();
    const found = new Set<Element>();
    const { selector, selectors } = page!;
    for (const el of changed) if (el.isConnected && (tracker.has(el) || el.matches(selector))) found.add(el);
    for (const el of added) {
      if (!el.isConnected) continue;
      if (el.matches(selector)) found.add(el);
      if (el.firstElementChild) for (const c of findCandidates(el, selectors)) found.add(c);
    }
    consider(found);
    measure('glean-images-update', start);
  }

  ctx.onInvalidated(() => {
    mo.disconnect();
    io.disconnect();
    tracker.clear();
    urls.clear();
  });
  // Asked at once, so the answer is usually here by the time the page is idle.
  const ready = pageConfig();
  ctx.requestIdleCallback(
    async () => {
      const c = await ready;
      if (!c || !ctx.isValid) return; // not enabled here (any more): leave the page be
      retries.setEpoch(c.epoch);
      const start = performance.now();
      const endpoint = c.apiBase ? imagesEndpoint(c.apiBase) : null;
      const selectors = candidateSelectors(document.baseURI, endpoint);
      page = { match: endpoint ? refMatcher(document.baseURI, endpoint) : null, selectors, selector: selectors.join(',') };
      mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: WATCHED });
      consider(findCandidates(document, selectors));
      measure('glean-images-scan', start);
    },
    { timeout: 200 },
  );
}
