/**
 * page.resolve and page.config: a content script names keys or metadata, never URLs; the
 * background builds each request itself, only for pages on sites the user enabled, serves from
 * its cache, and sends the bytes back as ArrayBuffers (structured clone, no base64).
 */
import { GleanError } from '../glean/errors';
import type { ImageQuery } from '../glean/types';
import { t } from '../i18n/t';
import type { ResolvedImage } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import { clearImageCache, getCachedImages, putCachedImages } from '../db/image-cache';
import { loadSettings } from '../db/settings';
import { onCredentialsChanged } from './credentials';
import { configuredClient } from './gated-client';
import { createResolver } from './resolve-refs';
import { gate } from './services';
import { isSiteEnabled } from './site-access';

/** Fetches at once for pages; Glean's 429 is per token, so this stays modest. */
const CONCURRENCY = 4;
/** Bytes per answer: messages have a size limit, so the rest is answered "deferred" and asked again. */
export const REPLY_BUDGET = 32 * 1024 * 1024;

const resolver = createResolver(
  {
    getMany: (ids) => getCachedImages(ids, Date.now()),
    putMany: (entries) => putCachedImages(entries, Date.now()),
    clear: clearImageCache,
  },
  CONCURRENCY,
);
// Images fetched with the old token or from the old backend must not be shown afterwards.
onCredentialsChanged(() => resolver.reset());

// Changes with the credentials; a restarted background starts from a new moment, which at worst
// makes a page retry its 401s once.
let epoch = Date.now();
onCredentialsChanged(() => {
  epoch++;
});

/** Keeps the first images of an answer within the budget and defers the rest. */
export function withinBudget(results: ResolvedImage[], budget = REPLY_BUDGET): ResolvedImage[] {
  let total = 0;
  let included = 0;
  return results.map((r) => {
    if (!r.ok) return r;
    total += r.bytes.byteLength;
    if (included > 0 && total > budget) return { ...(r.key !== undefined ? { key: r.key } : {}), ok: false, error: { kind: 'deferred', message: t('bg_answerFull') } };
    included++;
    return r;
  });
}

async function requireEnabled(url: string): Promise<void> {
  if (!(await isSiteEnabled(url))) throw new GleanError('invalid-input', t('bg_siteNotEnabled'));
}

export const resolveHandlers: Handlers = {
  'page.resolve': async (payload, sender) => {
    await requireEnabled(sender.url);
    const refs: ImageQuery[] = 'keys' in payload ? payload.keys.map((key) => ({ key })) : payload.refs;
    const client = await configuredClient(gate);
    return withinBudget(await resolver.resolve(refs, (q) => client.getImage(q)));
  },
};

/** page.config: kept apart from page.resolve so each is registered on purpose. */
export const pageConfigHandlers: Handlers = {
  'page.config': async (_payload, sender) => {
    await requireEnabled(sender.url);
    return { apiBase: (await loadSettings()).apiBase, epoch };
  },
};
