/**
 * Property-based fuzz of the background's message entry, wired with the full handler map of the
 * real background (handler-map.ts, as setup.ts wires it), over a seeded IndexedDB and a spy `fetch`.
 *
 * Properties, for every (message, sender):
 * - the router resolves (never throws or rejects) to `{ok: boolean, ...}`, structured-cloneable,
 *   and no reply ever contains the stored token;
 * - a sender that is not one of ours is refused;
 * - a refused message, or one from any sender that is not an extension page, changes nothing
 *   (settings, token, sites), calls no `fetch`, and touches no permission or scripting API;
 * - the only fetches a content script can cause are GET <stored backend>/images?key=... for a
 *   page on an enabled site, and the stored token is only ever sent to the stored backend.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { backgroundHandlers } from '../../../src/background/handler-map';
import { queue } from '../../../src/background/services';
import { getSecret, setSecret } from '../../../src/db/secrets';
import { loadSettings, storeSettings } from '../../../src/db/settings';
import { loadSites, storeSites } from '../../../src/db/sites';
import { IMAGE_TYPES } from '../../../src/glean/types';
import { SENDER_OF, type MessageType, type Reply } from '../../../src/messaging/protocol';
import { createRouter, type SenderInfo } from '../../../src/messaging/router';
import type { Settings } from '../../../src/settings/types';
import { siteOf } from '../../../src/sites/site-url';
import { recordingFetch, imageResponse } from '../background/recording-fetch';
import { resetDb } from '../db/reset-db';
import { EXT_ID, EXT_ORIGIN, browserOrigin, emulateBrowserOrigins } from './extension-url';
import { ACCEPTED, MALFORMED } from './samples';
import { png } from '../images/corpus';

const NUM_RUNS = 10_000;

const SEED_BASE = 'https://acme-be.glean.com/rest/api/v1';
const SEED_SETTINGS: Settings = { apiBase: SEED_BASE, tokenType: 'user', actAs: '', userId: 'u-1' };
const SEED_TOKEN = 'seeded-secret-token-5f3a9c';
const ENABLED_SITE = 'https://intranet.example.com';
const SEED_SITES = [ENABLED_SITE];

async function seed() {
  await storeSettings(SEED_SETTINGS);
  await setSecret('apiToken', SEED_TOKEN);
  await storeSites(SEED_SITES);
}

async function readState() {
  const [settings, token, sites] = await Promise.all([loadSettings(), getSecret('apiToken'), loadSites()]);
  return { settings, token, sites };
}
const SEED_STATE = { settings: SEED_SETTINGS, token: SEED_TOKEN, sites: SEED_SITES };

/** Independent model of who a sender is, as a browser would report it. */
function oracle(s: SenderInfo): 'page' | 'content' | null {
  if (s.id !== EXT_ID || typeof s.url !== 'string') return null;
  let u: URL;
  try {
    u = new URL(s.url);
  } catch {
    return null;
  }
  const origin = browserOrigin(u);
  if (s.origin !== undefined && s.origin !== 'null' && s.origin !== origin) return null;
  if (origin === EXT_ORIGIN) return 'page';
  // Our content scripts run in web pages only.
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return typeof s.tab?.id === 'number' && typeof s.frameId === 'number' ? 'content' : null;
}

// ---- senders -------------------------------------------------------------------------------

const idArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string | undefined>(EXT_ID) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined, '', 'TEST-EXTENSION-ID', `${EXT_ID} `, ` ${EXT_ID}`, EXT_ID.slice(0, -1), `${EXT_ID}x`,
      'other-extension-id', `${EXT_ID}\u0000`, `chrome-extension://${EXT_ID}`,
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

const urlArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom<string | undefined>(
      `${EXT_ORIGIN}/popup.html`, `${EXT_ORIGIN}/options.html#token`, `${EXT_ORIGIN}/`, EXT_ORIGIN,
      `CHROME-EXTENSION://${EXT_ID.toUpperCase()}/popup.html`,
      'chrome-extension://other-extension-id/popup.html',
      `chrome-extension://${EXT_ID}.evil.example/popup.html`,
      `chrome-extension://${EXT_ID}:8080/popup.html`,
      `moz-extension://${EXT_ID}-x/popup.html`,
      `blob:${EXT_ORIGIN}/6f1c`, `filesystem:${EXT_ORIGIN}/temporary/x`,
      `${ENABLED_SITE}/wiki/page`, `${ENABLED_SITE}:8443/x`, 'http://intranet.example.com/', 'https://evil.example/',
      `${ENABLED_SITE}.evil.example/`, `https://evil.example/${EXT_ORIGIN}/`, 'http://127.0.0.1:8787/', 'https://acme-be.glean.com/',
      'javascript:alert(1)', `javascript:"${EXT_ORIGIN}/"`, 'data:text/html,<script>1</script>', `data:,${EXT_ORIGIN}`,
      'about:blank', 'about:srcdoc', 'file:///etc/passwd', 'not a url', '', `//${EXT_ID}/popup.html`, undefined,
    ),
  },
  { weight: 1, arbitrary: fc.webUrl() },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const originModeArb = fc.constantFrom('absent', 'absent', 'absent', 'match', 'match', 'match', 'null', 'extension', 'other', 'garbage');
const tabArb = fc.oneof(
  fc.constant(undefined),
  fc.constant({}),
  fc.record({ id: fc.nat() }),
  fc.record({ id: fc.constantFrom(-1, 0, Number.NaN) }),
  fc.record({ id: fc.constantFrom<unknown>('7', null, undefined, {}) }),
  fc.record({ id: fc.nat(), url: fc.constantFrom(`${EXT_ORIGIN}/popup.html`, `${ENABLED_SITE}/`, 'https://evil.example/') }),
);
const frameIdArb = fc.constantFrom<unknown>(undefined, undefined, 0, 0, 0, 3, -1, '0', null, Number.NaN);

type Parts = { id: string | undefined; url: string | undefined; originMode: string; tab: unknown; frameId: unknown };

function buildSender({ id, url, originMode, tab, frameId }: Parts): SenderInfo {
  const s: Record<string, unknown> = {};
  if (id !== undefined) s.id = id;
  if (url !== undefined) s.url = url;
  if (tab !== undefined) s.tab = tab;
  if (frameId !== undefined) s.frameId = frameId;
  let parsed: URL | null = null;
  try {
    parsed = url === undefined ? null : new URL(url);
  } catch {
    parsed = null;
  }
  if (originMode === 'match' && parsed) s.origin = browserOrigin(parsed);
  else if (originMode === 'null') s.origin = 'null';
  else if (originMode === 'extension') s.origin = EXT_ORIGIN;
  else if (originMode === 'other') s.origin = 'https://evil.example';
  else if (originMode === 'garbage') s.origin = `${EXT_ORIGIN}/`;
  return s as SenderInfo;
}

/** What a browser reports for our popup/options page (with or without a tab). */
const legitPageArb: fc.Arbitrary<Parts> = fc.record({
  id: fc.constant(EXT_ID),
  url: fc.constantFrom(`${EXT_ORIGIN}/popup.html`, `${EXT_ORIGIN}/options.html`, `${EXT_ORIGIN}/options.html#token`),
  originMode: fc.constantFrom('absent', 'match'),
  tab: fc.constantFrom<unknown>(undefined, { id: 3 }),
  frameId: fc.constantFrom<unknown>(undefined, 0),
});
/** What a browser reports for our content script in a tab (enabled site or not). */
const legitContentArb: fc.Arbitrary<Parts> = fc.record({
  id: fc.constant(EXT_ID),
  url: fc.constantFrom(`${ENABLED_SITE}/wiki/page`, `${ENABLED_SITE}:8443/x?y#z`, 'https://evil.example/', 'http://127.0.0.1:8787/', 'about:blank'),
  originMode: fc.constantFrom('absent', 'match', 'null'),
  tab: fc.record({ id: fc.nat({ max: 50 }) }),
  frameId: fc.constantFrom<unknown>(0, 0, 4),
});
/** A legitimate sender with one part swapped for a forgery: the near misses. */
const nearMissArb: fc.Arbitrary<Parts> = fc
  .tuple(fc.oneof(legitPageArb, legitContentArb), fc.constantFrom('id', 'url', 'originMode', 'tab', 'frameId'), idArb, urlArb, originModeArb, tabArb, frameIdArb)
  .map(([base, part, id, url, originMode, tab, frameId]) => ({ ...base, [part]: { id, url, originMode, tab, frameId }[part] }) as Parts);
const randomPartsArb: fc.Arbitrary<Parts> = fc.record({ id: idArb, url: urlArb, originMode: originModeArb, tab: tabArb, frameId: frameIdArb });

const senderArb = fc
  .oneof(
    { weight: 2, arbitrary: legitPageArb },
    { weight: 2, arbitrary: legitContentArb },
    { weight: 4, arbitrary: nearMissArb },
    { weight: 3, arbitrary: randomPartsArb },
  )
  .map(buildSender);

// ---- messages ------------------------------------------------------------------------------

const TYPES = Object.keys(SENDER_OF) as MessageType[];
/** Sometimes adds one more own key (also `__proto__`/`constructor`, as JSON.parse would make them). */
const withExtra = <T extends object>(arb: fc.Arbitrary<T>) =>
  fc.tuple(arb, fc.constantFrom<null | string>(null, null, null, null, null, null, null, 'extra', 'url', '__proto__', 'constructor')).map(([v, k]) => {
    if (k === null) return v;
    const copy = { ...v };
    Object.defineProperty(copy, k, { value: 'https://evil.example/', enumerable: true, configurable: true, writable: true });
    return copy;
  });

const draftArb = fc.record({
  backend: fc.oneof(
    fc.constantFrom('acme', 'ACME', 'https://acme-be.glean.com', `${SEED_BASE}/`, 'https://evil.example', 'http://evil.example', 'http://127.0.0.1:8787', 'evil', '', 'javascript:alert(1)', 'https://u:p@acme-be.glean.com'),
    fc.string({ maxLength: 20 }),
  ),
  tokenType: fc.constantFrom<unknown>('user', 'user', 'user', 'global', 'global', 'global', 'admin', 'oauth'),
  actAs: fc.constantFrom<unknown>('', '', '', 'jane@acme.com', 'jane@acme.com', ' jane@acme.com ', 'not-an-email', 7),
  userId: fc.oneof(fc.constantFrom<unknown>('', 'u-1', '  u-2 '), fc.string({ maxLength: 10 })),
});
const typedTokenArb = fc.constantFrom<unknown>('new-token-1', 'new-token-1', 'another token', '', '   ', 't'.repeat(8193), 42, null);
const draftPayloadArb = withExtra(fc.record({ draft: draftArb, token: typedTokenArb }, { requiredKeys: ['draft'] }));
const queryArb = fc.oneof(
  fc.record({ key: fc.oneof(fc.constantFrom('abc', '', 'k'.repeat(513)), fc.string({ maxLength: 10 })) }),
  fc.record({ type: fc.constantFrom<unknown>(...IMAGE_TYPES, 'DOCUMENT_IMAGE'), id: fc.string({ maxLength: 8 }) }, { requiredKeys: ['type'] }),
  fc.record({ url: fc.constant('https://evil.example/x') }),
);
const bytesArb = fc.oneof(
  fc.nat({ max: 8 }).map((n) => new Uint8Array(n).fill(7).buffer),
  fc.nat({ max: 3 }).map((n) => png(n + 1, 2).buffer),
  fc.constant(new Uint8Array([1, 2])),
  fc.constant('AAAA'),
);
const PAYLOADS: Record<string, fc.Arbitrary<unknown>> = {
  'settings.get': fc.constantFrom<unknown>(null, null, undefined, {}),
  'token.forget': fc.constantFrom<unknown>(null, null, undefined, {}),
  'sites.get': fc.constantFrom<unknown>(null, null, undefined, []),
  'screenshot.preferences.get': fc.constantFrom<unknown>(null, null, undefined, {}),
  'settings.save': draftPayloadArb,
  'connection.test': draftPayloadArb,
  'image.get': withExtra(fc.record({ query: queryArb })),
  'upload.enqueue': withExtra(
    fc.record(
      {
        bytes: bytesArb,
        metadata: fc.record({ type: fc.constantFrom<unknown>(...IMAGE_TYPES, 'X') }),
        source: fc.constantFrom<unknown>({}, { fileName: 'a.png' }, { tabId: 3 }, null),
        handoverId: fc.constantFrom<unknown>(undefined, '3f2b8c1e-5d4a-4e7b-9c1d-0a1b2c3d4e5f', '../x'),
      },
      { requiredKeys: ['bytes', 'metadata', 'source'] },
    ),
  ),
  'sites.set': withExtra(
    fc.record({
      site: fc.constantFrom<unknown>(ENABLED_SITE, `${ENABLED_SITE}/`, 'https://evil.example', 'https://new.example', 'not a site', 'javascript:alert(1)', 1),
      enabled: fc.constantFrom<unknown>(true, false, 'true'),
    }),
  ),
  'page.keys': withExtra(
    fc.record({
      keys: fc.oneof(
        fc.array(fc.oneof(fc.constantFrom('abc', 'abc', 'a b&c=d'), fc.string({ minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(fc.constantFrom('abc', '', 'k'.repeat(513)), fc.string({ maxLength: 8 })), { maxLength: 55 }),
      ),
    }),
  ),
};

/** For every message: its generator above if any, its accepted and malformed samples, and anything. */
const payloadArb = (type: MessageType): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: PAYLOADS[type] ?? fc.constant(ACCEPTED[type]) },
    { weight: 2, arbitrary: fc.constant(ACCEPTED[type]) },
    { weight: 2, arbitrary: fc.constantFrom(...MALFORMED[type].map(([, payload]) => payload)) },
    { weight: 1, arbitrary: fc.anything() },
  );
const realisticArb = fc.constantFrom(...TYPES).chain((type) => payloadArb(type).map((payload) => ({ type, payload })));
const typeArb = fc.oneof(
  fc.constantFrom(...TYPES),
  fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'settings.GET', 'page.keys ', ''),
  fc.string({ maxLength: 15 }),
);
const messageArb = fc.oneof(
  { weight: 1, arbitrary: fc.anything() },
  { weight: 2, arbitrary: fc.record({ type: typeArb, payload: fc.anything() }, { requiredKeys: [] }) },
  { weight: 8, arbitrary: realisticArb },
);

// ---- the test ------------------------------------------------------------------------------

/** Waits until the upload queue has sent what it accepted (the spy fetch answers at once). */
async function queueIdle(): Promise<void> {
  for (let round = 0; round < 200; round++) {
    const { counts } = await queue.status();
    if (counts.queued + counts.uploading === 0) return queue.previewsWritten();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  throw new Error('the upload queue did not finish');
}

const answer = (req: { method: string }) =>
  req.method === 'POST'
    ? new Response(JSON.stringify({ url: `${SEED_BASE}/images?key=new` }), { status: 200, headers: { 'Content-Type': 'application/json' } })
    : imageResponse();
let net: ReturnType<typeof recordingFetch>;

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  emulateBrowserOrigins();
  net = recordingFetch(answer);
  vi.stubGlobal('fetch', net.fetch);
  // Node has no image decoder: a stand-in, so an accepted PNG goes all the way to an upload.
  vi.stubGlobal('createImageBitmap', async () => ({ width: 2, height: 2, close() {} }));
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('router fuzz with the real handlers', () => {
  it(`never throws, and forged or refused messages change nothing and fetch nothing (${NUM_RUNS} runs)`, { timeout: 120_000 }, async () => {
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
    const getRegistered = vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockResolvedValue([]);
    const unregister = vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockResolvedValue(undefined);
    const register = vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockResolvedValue(undefined);
    const browserCalls = () => contains.mock.calls.length + getRegistered.mock.calls.length + unregister.mock.calls.length + register.mock.calls.length;

    // The whole map, upload queue included: the queue keeps working after it answers, so each run
    // waits for it to be idle (below) and a fetch is pinned to the message that caused it.
    const route = createRouter(backgroundHandlers(), { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin });
    await seed();
    expect(await readState()).toEqual(SEED_STATE);

    const answered = new Set<string>();
    const seen = { runs: 0, forged: 0, content: 0, page: 0, refused: 0, accepted: 0, reseeds: 0, fetches: 0, contentAccepted: 0, contentFetches: 0 };
    await fc.assert(
      fc.asyncProperty(messageArb, senderArb, async (message, sender) => {
        seen.runs++;
        const who = oracle(sender);
        const fetchesBefore = net.requests.length;
        const browserBefore = browserCalls();

        const reply = (await route(message, sender)) as Reply<unknown>;
        await queueIdle();

        // Shape: always a plain reply that can cross a message boundary.
        expect(typeof reply.ok).toBe('boolean');
        if (!reply.ok) {
          expect(typeof reply.error.kind).toBe('string');
          expect(reply.error.message.length).toBeGreaterThan(0);
        }
        expect(() => structuredClone(reply)).not.toThrow();
        expect(JSON.stringify(reply) ?? '').not.toContain(SEED_TOKEN);

        const refused = !reply.ok && reply.error.kind === 'refused';
        if (who === null) expect(refused, 'a sender that is not ours must be refused').toBe(true);
        if (who === 'content' && (message as { type?: unknown } | null)?.type !== 'page.keys') expect(reply.ok).toBe(false);
        seen[who === null ? 'forged' : who]++;
        if (who === 'content' && !refused) seen.contentAccepted++;
        seen[refused ? 'refused' : 'accepted']++;
        if (!refused) answered.add(String((message as { type?: unknown }).type));

        // Network: nothing for refused or forged, and nothing ever for a content script: pages show
        // Glean images through the browser's own loads, so no message from a page makes a request.
        const newRequests = net.requests.slice(fetchesBefore);
        seen.fetches += newRequests.length;
        if (refused || who === null) expect(newRequests).toEqual([]);
        if (who === 'content') seen.contentFetches += newRequests.length;
        for (const r of newRequests) {
          if (r.headers.get('authorization')?.includes(SEED_TOKEN)) expect(r.url.startsWith(`${SEED_BASE}/`), r.url).toBe(true);
        }

        // Browser APIs that change what runs where: only for extension pages.
        if (refused || who !== 'page') expect(browserCalls()).toBe(browserBefore);

        // Stored state: unchanged unless an extension page asked; then restore the seed for the next run.
        const after = await readState();
        if (refused || who !== 'page') {
          expect(after).toEqual(SEED_STATE);
        } else if (JSON.stringify(after) !== JSON.stringify(SEED_STATE)) {
          seen.reseeds++;
          await seed();
        }
      }),
      { numRuns: NUM_RUNS, seed: Number(process.env.FUZZ_SEED ?? 20240611), endOnFailure: true },
    );

    const uploads = net.requests.filter((r) => r.method === 'POST' && r.url.startsWith(`${SEED_BASE}/uploadimage?`)).length;
    console.info('router fuzz coverage', seen, { uploads, answered: [...answered].sort() });
    // The generators must actually reach every branch, or the property proves little.
    expect(seen.runs).toBeGreaterThanOrEqual(NUM_RUNS);
    expect(seen.forged).toBeGreaterThan(NUM_RUNS / 10);
    expect(seen.content).toBeGreaterThan(NUM_RUNS / 20);
    expect(seen.page).toBeGreaterThan(NUM_RUNS / 20);
    expect(seen.accepted).toBeGreaterThan(NUM_RUNS / 40);
    expect(seen.reseeds).toBeGreaterThan(0);
    expect(seen.fetches).toBeGreaterThan(0);
    // Few random content senders pass (a tab, a frame, an http(s) url, a matching origin), but some must.
    expect(seen.contentAccepted).toBeGreaterThan(10);
    expect(seen.contentFetches).toBe(0);
    // The full map is reached: every message answered at least once, and uploads really sent.
    expect([...answered].sort()).toEqual([...TYPES].sort());
    expect(uploads).toBeGreaterThan(0);
  });
});
