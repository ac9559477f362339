/**
 * What the popup page was opened for, read from its address: the toolbar popup (no query), the
 * "Upload with details…" window (`?details=<JSON>`, see openDetails in the background), or a
 * deep link into the History tab (`?view=history&highlight=<jobId>`, the toast's "Show").
 */

/** The image the details window uploads: where it is and the page that shows it. */
export interface DetailsTarget {
  tabId: number;
  frameId: number;
  src: string;
  pageUrl: string;
}

export type PopupRoute =
  | { kind: 'tabs'; tab?: string; highlight?: string }
  | { kind: 'details'; target: DetailsTarget }
  /** `details` was there but not readable: the window says so instead of guessing. */
  | { kind: 'bad-details' };

const id = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** The details target from the `details` parameter, or null when it is not one. */
export function parseDetails(raw: string): DetailsTarget | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!id(v.tabId) || !id(v.frameId) || typeof v.src !== 'string' || !v.src) return null;
  return { tabId: v.tabId, frameId: v.frameId, src: v.src, pageUrl: typeof v.pageUrl === 'string' ? v.pageUrl : '' };
}

/** Reads the route from `location.search`. */
export function routeFrom(search: string): PopupRoute {
  const params = new URLSearchParams(search);
  const details = params.get('details');
  if (details !== null) {
    const target = parseDetails(details);
    return target ? { kind: 'details', target } : { kind: 'bad-details' };
  }
  const tab = params.get('view') ?? undefined;
  const highlight = params.get('highlight') || undefined;
  return { kind: 'tabs', ...(tab ? { tab } : {}), ...(highlight ? { highlight } : {}) };
}
