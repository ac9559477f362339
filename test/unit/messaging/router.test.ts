import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import { LIMITS, SENDER_OF, type MessageType } from '../../../src/messaging/protocol';
import { classifySender, createRouter, type Handlers, type SenderInfo } from '../../../src/messaging/router';
import { REQUEST_SCHEMAS } from '../../../src/messaging/schemas';
import { SettingsInvalidError } from '../../../src/settings/validate';
import { EXT_ID, EXT_ORIGIN, SELF, emulateBrowserOrigins } from './extension-url';

const PAGE_URL = `${EXT_ORIGIN}/popup.html`;
const PAGE: SenderInfo = { id: EXT_ID, url: PAGE_URL, origin: EXT_ORIGIN };
const PAGE_NO_ORIGIN: SenderInfo = { id: EXT_ID, url: `${EXT_ORIGIN}/options.html` };
const PAGE_IN_TAB: SenderInfo = { id: EXT_ID, url: `${EXT_ORIGIN}/options.html`, origin: EXT_ORIGIN, tab: { id: 3, url: `${EXT_ORIGIN}/options.html` }, frameId: 0 };
const CONTENT_URL = 'https://intranet.example.com/wiki/page';
const CONTENT: SenderInfo = { id: EXT_ID, url: CONTENT_URL, origin: 'https://intranet.example.com', tab: { id: 7, url: CONTENT_URL }, frameId: 0 };

const DRAFT = { backend: 'acme', tokenType: 'user', actAs: '', userId: '' } as const;

/** One valid payload for each message this file covers (the protocol grows; see ALL_TYPES). */
const VALID_ALL: Partial<Record<string, unknown>> = {
  'settings.get': null,
  'settings.save': { draft: DRAFT, token: 'tok' },
  'token.forget': null,
  'connection.test': { draft: DRAFT },
  'image.get': { query: { key: 'abc' } },
  'upload.enqueue': { metadata: { type: 'UGC' }, bytes: new Uint8Array([1, 2, 3]).buffer, source: { fileName: 'a.png' }, handoverId: '3f2b8c1e-5d4a-4e7b-9c1d-0a1b2c3d4e5f' },
  'upload.retry': { id: 'job-1' },
  'upload.cancel': { id: 'job-1' },
  'history.list': { limit: 20 },
  'history.clear': null,
  'tab.images': { tabId: 4 },
  'sites.get': null,
  'sites.set': { site: 'https://intranet.example.com', enabled: true },
  'page.keys': { keys: ['k1', 'k2'] },
};

/** Only messages the protocol still has: it is being extended while these tests are written. */
const VALID = Object.fromEntries(Object.entries(VALID_ALL).filter(([t]) => Object.hasOwn(SENDER_OF, t))) as Partial<Record<MessageType, unknown>>;

/** Every message in the protocol: sender checks come before payload checks, so all are covered there. */
const ALL_TYPES = Object.keys(SENDER_OF) as MessageType[];
const ALL_PAGE_TYPES = ALL_TYPES.filter((t) => SENDER_OF[t] === 'page');
/** The messages with a known-valid payload above, for acceptance tests. */
const PAGE_TYPES = (Object.keys(VALID) as MessageType[]).filter((t) => SENDER_OF[t] === 'page');

function spyHandlers() {
  const spies = Object.fromEntries(ALL_TYPES.map((t) => [t, vi.fn(async () => `handled ${t}`)])) as unknown as {
    [K in MessageType]: ReturnType<typeof vi.fn>;
  };
  return { spies, handlers: spies as unknown as Handlers };
}

function expectNoHandlerCalled(spies: Record<string, ReturnType<typeof vi.fn>>) {
  for (const [type, spy] of Object.entries(spies)) expect(spy, type).not.toHaveBeenCalled();
}

let spies: ReturnType<typeof spyHandlers>['spies'];
let route: ReturnType<typeof createRouter>;

beforeEach(() => {
  emulateBrowserOrigins();
  const made = spyHandlers();
  spies = made.spies;
  route = createRouter(made.handlers, SELF);
});

async function expectRefused(message: unknown, sender: SenderInfo, pattern?: RegExp) {
  const reply = await route(message, sender);
  expect(reply.ok).toBe(false);
  if (reply.ok) return;
  expect(reply.error.kind).toBe('refused');
  if (pattern) expect(reply.error.message).toMatch(pattern);
  expectNoHandlerCalled(spies);
}

describe('classifySender', () => {
  it('classifies an extension page, with or without a tab', () => {
    expect(classifySender(PAGE, SELF)).toEqual({ kind: 'page', url: PAGE_URL });
    expect(classifySender(PAGE_NO_ORIGIN, SELF)).toEqual({ kind: 'page', url: PAGE_NO_ORIGIN.url });
    expect(classifySender(PAGE_IN_TAB, SELF)).toEqual({ kind: 'page', url: PAGE_IN_TAB.url });
  });

  it('classifies a content script by tab, frame and page URL', () => {
    expect(classifySender(CONTENT, SELF)).toEqual({ kind: 'content', tabId: 7, frameId: 0, url: CONTENT_URL });
    expect(classifySender({ ...CONTENT, frameId: 12 }, SELF)).toEqual({ kind: 'content', tabId: 7, frameId: 12, url: CONTENT_URL });
  });

  it.each<[string, SenderInfo]>([
    ['another extension id', { ...PAGE, id: 'other-extension-id' }],
    ['an id differing only by case', { ...PAGE, id: EXT_ID.toUpperCase() }],
    ['no id (a web page via externally_connectable)', { url: PAGE_URL, origin: EXT_ORIGIN }],
    ['no url', { id: EXT_ID, origin: EXT_ORIGIN }],
    ['no url, with a tab', { id: EXT_ID, tab: { id: 1 }, frameId: 0 }],
    ['a url that does not parse', { id: EXT_ID, url: 'not a url', tab: { id: 1 }, frameId: 0 }],
    ['another extension origin', { id: EXT_ID, url: 'chrome-extension://other-extension-id/popup.html' }],
    ['a look-alike host', { id: EXT_ID, url: `chrome-extension://${EXT_ID}.evil.example/popup.html` }],
    ['sender.origin disagreeing with an extension url', { ...PAGE, origin: 'https://evil.example' }],
    ['sender.origin of the extension on a web url', { ...CONTENT, origin: EXT_ORIGIN }],
    ['sender.origin of another site on a web url', { ...CONTENT, origin: 'https://evil.example' }],
    ['an https url without a tab', { id: EXT_ID, url: CONTENT_URL, frameId: 0 }],
    ['an http url without a tab', { id: EXT_ID, url: 'http://127.0.0.1:8080/', origin: 'http://127.0.0.1:8080', frameId: 0 }],
    ['a tab without an id', { id: EXT_ID, url: CONTENT_URL, tab: {}, frameId: 0 }],
    ['a tab but no frameId', { id: EXT_ID, url: CONTENT_URL, tab: { id: 7 } }],
  ])('refuses %s', (_name, sender) => {
    expect(classifySender(sender, SELF)).toBeNull();
  });

  it('refuses a content script in an opaque-origin (sandboxed) frame: its page is not what the url says', () => {
    // Chromium reports origin "null" for sandboxed frames; our content scripts never run there.
    expect(classifySender({ ...CONTENT, origin: 'null' }, SELF)).toBeNull();
  });
});

describe('createRouter: senders', () => {
  it.each(ALL_TYPES)('refuses %s from another extension and calls nothing', async (type) => {
    const sender = SENDER_OF[type] === 'page' ? PAGE : CONTENT;
    await expectRefused({ type, payload: VALID[type] ?? null }, { ...sender, id: 'some-other-extension' }, /only from this extension/);
  });

  it.each(ALL_TYPES)('refuses %s without a sender url', async (type) => {
    const { url: _url, ...noUrl } = SENDER_OF[type] === 'page' ? PAGE : CONTENT;
    await expectRefused({ type, payload: VALID[type] ?? null }, noUrl);
  });

  it.each(PAGE_TYPES)('accepts %s from an extension page (no tab) with the parsed payload', async (type) => {
    const reply = await route({ type, payload: VALID[type] }, PAGE);
    expect(reply).toEqual({ ok: true, value: `handled ${type}` });
    expect(spies[type]).toHaveBeenCalledTimes(1);
    expect(spies[type]).toHaveBeenCalledWith(VALID[type], { kind: 'page', url: PAGE_URL });
  });

  it.each(PAGE_TYPES)('accepts %s from an extension page open in a tab', async (type) => {
    const reply = await route({ type, payload: VALID[type] }, PAGE_IN_TAB);
    expect(reply.ok).toBe(true);
    expect(spies[type]).toHaveBeenCalledWith(VALID[type], { kind: 'page', url: PAGE_IN_TAB.url });
  });

  it('accepts page.keys from a content script and hands over tab, frame and url', async () => {
    const reply = await route({ type: 'page.keys', payload: { keys: ['a', 'b'] } }, CONTENT);
    expect(reply).toEqual({ ok: true, value: 'handled page.keys' });
    expect(spies['page.keys']).toHaveBeenCalledWith({ keys: ['a', 'b'] }, { kind: 'content', tabId: 7, frameId: 0, url: CONTENT_URL });
  });

  it.each(ALL_PAGE_TYPES)('refuses %s from a content script', async (type) => {
    await expectRefused({ type, payload: VALID[type] ?? null }, CONTENT, /not accepted from this sender/);
  });

  it.each(ALL_PAGE_TYPES)('refuses %s from a content script that claims the extension origin', async (type) => {
    await expectRefused({ type, payload: VALID[type] ?? null }, { ...CONTENT, origin: EXT_ORIGIN });
  });

  it.each([PAGE, PAGE_IN_TAB, PAGE_NO_ORIGIN])('refuses page.keys from an extension page (%#)', async (sender) => {
    await expectRefused({ type: 'page.keys', payload: VALID['page.keys'] }, sender, /not accepted from this sender/);
  });

  it.each(ALL_PAGE_TYPES)('refuses %s when sender.origin disagrees with the extension url', async (type) => {
    await expectRefused({ type, payload: VALID[type] ?? null }, { ...PAGE_IN_TAB, origin: 'https://evil.example' });
  });

  it.each(['https://intranet.example.com/', 'http://127.0.0.1:8787/'])('refuses every message from %s without a tab', async (url) => {
    for (const type of ALL_TYPES) {
      await expectRefused({ type, payload: VALID[type] ?? null }, { id: EXT_ID, url, origin: new URL(url).origin, frameId: 0 });
    }
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'about:blank'])(
    'never treats %s as an extension page',
    async (url) => {
      for (const type of ALL_PAGE_TYPES) {
        await expectRefused({ type, payload: VALID[type] ?? null }, { id: EXT_ID, url, tab: { id: 1 }, frameId: 0 });
        await expectRefused({ type, payload: VALID[type] ?? null }, { id: EXT_ID, url });
      }
    },
  );
});

describe('protocol tables', () => {
  it('has a payload schema for every message and a known sender kind', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...ALL_TYPES].sort());
    for (const t of ALL_TYPES) expect(['page', 'content']).toContain(SENDER_OF[t]);
  });

  it('lets content scripts send only page.keys and the toast buttons', () => {
    expect(ALL_TYPES.filter((t) => SENDER_OF[t] === 'content')).toEqual(['page.keys', 'toast.retry', 'toast.show']);
  });
});

describe('createRouter: envelopes', () => {
  it.each(['nope', 'settings.GET', 'settings.get ', '', 'page.keys\u0000'])('refuses unknown type %j', async (type) => {
    await expectRefused({ type, payload: null }, PAGE, /Unknown message/);
  });

  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__'])(
    'refuses the Object.prototype key %j as a type',
    async (type) => {
      await expectRefused({ type, payload: null }, PAGE, /Unknown message/);
      await expectRefused(JSON.parse(`{"type": ${JSON.stringify(type)}, "payload": null}`), CONTENT, /Unknown message/);
    },
  );

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'settings.get'],
    ['a number', 42],
    ['a boolean', true],
    ['a symbol', Symbol('settings.get')],
    ['a function', () => 'settings.get'],
  ])('refuses a message that is %s', async (_name, message) => {
    await expectRefused(message, PAGE, /Malformed message|Unknown message/);
  });

  it.each<[string, unknown]>([
    ['an array', ['settings.get', null]],
    ['a type that is not a string', { type: ['settings.get'], payload: null }],
    ['a type that is a String object', { type: new String('settings.get'), payload: null }],
    ['no type', { payload: null }],
  ])('refuses %s', async (_name, message) => {
    await expectRefused(message, PAGE, /Unknown message/);
  });

  it('answers a message whose getter throws with an error, not a rejection', async () => {
    const evil = {
      get type(): string {
        throw new Error('boom');
      },
    };
    const reply = await route(evil, PAGE);
    expect(reply.ok).toBe(false);
    expectNoHandlerCalled(spies);
  });
});

const longField = 'x'.repeat(LIMITS.fieldLength + 1);
const okField = 'x'.repeat(LIMITS.fieldLength);
const longKey = 'k'.repeat(LIMITS.keyLength + 1);

/** Payloads each schema must refuse. */
const MALFORMED: [MessageType, string, unknown][] = [
  ['settings.get', 'missing payload', undefined],
  ['settings.get', 'an object', {}],
  ['settings.get', 'false', false],
  ['token.forget', 'an object', { all: true }],
  ['token.forget', 'a string', 'now'],
  ['sites.get', 'an array', []],
  ...(['settings.save', 'connection.test'] as const).flatMap((t): [MessageType, string, unknown][] => [
    [t, 'missing payload', undefined],
    [t, 'null', null],
    [t, 'no draft', { token: 't' }],
    [t, 'draft missing backend', { draft: { tokenType: 'user', actAs: '', userId: '' } }],
    [t, 'draft missing userId', { draft: { backend: 'acme', tokenType: 'user', actAs: '' } }],
    [t, 'draft extra field', { draft: { ...DRAFT, apiBase: 'https://evil.example' } }],
    [t, 'payload extra field', { draft: DRAFT, apiBase: 'https://evil.example' }],
    [t, 'payload extra field named like a prototype key', JSON.parse(`{"draft": ${JSON.stringify(DRAFT)}, "__proto__": {"x": 1}}`)],
    [t, 'draft extra field "constructor"', { draft: { ...DRAFT, constructor: 'x' } }],
    [t, 'unknown token type', { draft: { ...DRAFT, tokenType: 'admin' } }],
    [t, 'tokenType oauth', { draft: { ...DRAFT, tokenType: 'oauth' } }],
    [t, 'backend a number', { draft: { ...DRAFT, backend: 42 } }],
    [t, 'actAs null', { draft: { ...DRAFT, actAs: null } }],
    [t, 'userId too long', { draft: { ...DRAFT, userId: longField } }],
    [t, 'backend too long', { draft: { ...DRAFT, backend: longField } }],
    [t, 'token a number', { draft: DRAFT, token: 1234 }],
    [t, 'token null', { draft: DRAFT, token: null }],
    [t, 'token too long', { draft: DRAFT, token: 't'.repeat(LIMITS.tokenLength + 1) }],
    [t, 'draft an array', { draft: [DRAFT] }],
  ]),
  ['image.get', 'no query', {}],
  ['image.get', 'query null', { query: null }],
  ['image.get', 'empty key', { query: { key: '' } }],
  ['image.get', 'key too long', { query: { key: longKey } }],
  ['image.get', 'key a number', { query: { key: 1 } }],
  ['image.get', 'key and type together', { query: { key: 'k', type: 'USER' } }],
  ['image.get', 'a url instead of a key', { query: { url: 'https://evil.example/x' } }],
  ['image.get', 'unknown image type', { query: { type: 'DOCUMENT_IMAGE' } }],
  ['image.get', 'id too long', { query: { type: 'USER', id: longField } }],
  ['image.get', 'extra field', { query: { key: 'k' }, baseUrl: 'https://evil.example' }],
  ...(() => {
    const ok = { metadata: { type: 'UGC' }, bytes: new ArrayBuffer(1), source: {} };
    return [
      ['upload.enqueue', 'no bytes', { metadata: ok.metadata, source: {} }],
      ['upload.enqueue', 'bytes a Uint8Array', { ...ok, bytes: new Uint8Array([1, 2]) }],
      ['upload.enqueue', 'bytes a DataView', { ...ok, bytes: new DataView(new ArrayBuffer(2)) }],
      ['upload.enqueue', 'bytes a plain array', { ...ok, bytes: [1, 2] }],
      ['upload.enqueue', 'bytes a base64 string', { ...ok, bytes: 'iVBORw0KGgo=' }],
      ['upload.enqueue', 'bytes an object shaped like a Blob', { ...ok, bytes: { size: 1, type: 'image/png', arrayBuffer: null } }],
      ['upload.enqueue', 'bytes null', { ...ok, bytes: null }],
      ['upload.enqueue', 'metadata missing type', { ...ok, metadata: {} }],
      ['upload.enqueue', 'metadata with a key', { ...ok, metadata: { type: 'UGC', key: 'k' } }],
      ['upload.enqueue', 'unknown image type', { ...ok, metadata: { type: 'DOCUMENT_IMAGE' } }],
      ['upload.enqueue', 'no source', { metadata: ok.metadata, bytes: ok.bytes }],
      ['upload.enqueue', 'source with an extra field', { ...ok, source: { url: 'https://evil.example/' } }],
      ['upload.enqueue', 'extra field', { ...ok, contentType: 'image/png' }],
      ['upload.enqueue', 'hand-over id too short', { ...ok, handoverId: 'abc' }],
      ['upload.enqueue', 'hand-over id with a slash', { ...ok, handoverId: '../../jobs/other-id' }],
      ['upload.enqueue', 'hand-over id a number', { ...ok, handoverId: 12345678 }],
      ['upload.retry', 'empty id', { id: '' }],
      ['upload.retry', 'numeric id', { id: 1 }],
      ['upload.cancel', 'id too long', { id: 'j'.repeat(101) }],
      ['history.list', 'limit 0', { limit: 0 }],
      ['history.list', 'fractional limit', { limit: 1.5 }],
      ['history.list', 'limit too big', { limit: 1e9 }],
      ['tab.images', 'negative tab id', { tabId: -1 }],
      ['tab.images', 'tab id as a string', { tabId: '4' }],
      ['tab.images', 'NaN tab id', { tabId: Number.NaN }],
    ] as [MessageType, string, unknown][];
  })(),
  ['sites.set', 'no enabled', { site: 'https://a.example' }],
  ['sites.set', 'enabled a string', { site: 'https://a.example', enabled: 'true' }],
  ['sites.set', 'site a number', { site: 1, enabled: true }],
  ['sites.set', 'site too long', { site: `https://${longField}`, enabled: true }],
  ['sites.set', 'extra field', { site: 'https://a.example', enabled: true, pattern: '<all_urls>' }],
  ['page.keys', 'missing payload', undefined],
  ['page.keys', 'no keys', {}],
  ['page.keys', 'empty keys array', { keys: [] }],
  ['page.keys', 'keys a string', { keys: 'abc' }],
  ['page.keys', 'an empty key', { keys: ['a', ''] }],
  ['page.keys', 'a key too long', { keys: [longKey] }],
  ['page.keys', 'a key not a string', { keys: ['a', 7] }],
  ['page.keys', 'a key that is an object', { keys: [{ url: 'https://evil.example' }] }],
  ['page.keys', 'too many keys', { keys: Array.from({ length: LIMITS.keysPerResolve + 1 }, (_, i) => `k${i}`) }],
  ['page.keys', 'a url alongside keys', { keys: ['a'], url: 'https://evil.example/steal' }],
  ['page.keys', 'a sparse array', { keys: [, 'a'] }], // eslint-disable-line no-sparse-arrays
];

describe('createRouter: payloads', () => {
  it.each(MALFORMED.filter(([t]) => Object.hasOwn(SENDER_OF, t)))('refuses %s with %s', async (type, _name, payload) => {
    const sender = SENDER_OF[type] === 'page' ? PAGE : CONTENT;
    await expectRefused({ type, payload }, sender, new RegExp(`Malformed "${type.replace('.', '\\.')}"`));
  });

  const EDGE: [string, unknown][] = [
    ['settings.save', { draft: { ...DRAFT, userId: okField }, token: 't'.repeat(LIMITS.tokenLength) }],
    ['settings.save', { draft: DRAFT, token: undefined }],
    ['settings.save', { draft: { backend: '', tokenType: 'global', actAs: 'x', userId: '' } }], // shape ok; validation is the handler's
    ['image.get', { query: { key: 'k'.repeat(LIMITS.keyLength) } }],
    // A chosen file goes as the File itself (cloning passes a handle to its bytes).
    ['upload.enqueue', { metadata: { type: 'UGC' }, bytes: new File([new Uint8Array([1])], 'a.png'), source: { fileName: 'a.png' } }],
    ['image.get', { query: { type: 'USER', id: 'u1' } }],
    ['image.get', { query: { type: 'LOGO', ds: 'd', cid: 'c' } }],
    ['upload.enqueue', { metadata: { type: 'USER', id: 'me' }, bytes: new ArrayBuffer(0), source: {}, insist: true }],
    ['history.list', { limit: LIMITS.historyPage }],
    ['sites.set', { site: 'anything at all', enabled: false }],
  ];
  it.each(EDGE.filter(([t]) => Object.hasOwn(SENDER_OF, t)) as [MessageType, unknown][])('accepts edge-of-limit %s payloads (%#)', async (type, payload) => {
    const reply = await route({ type, payload }, PAGE);
    expect(reply.ok).toBe(true);
    expect(spies[type]).toHaveBeenCalledTimes(1);
  });

  it('accepts exactly the maximum number of keys', async () => {
    const keys = Array.from({ length: LIMITS.keysPerResolve }, (_, i) => `k${i}`);
    const reply = await route({ type: 'page.keys', payload: { keys } }, CONTENT);
    expect(reply.ok).toBe(true);
    expect(spies['page.keys']).toHaveBeenCalledWith({ keys }, expect.objectContaining({ kind: 'content' }));
  });
});

describe('createRouter: handler outcomes', () => {
  it('turns a thrown GleanError into {ok:false, error:{kind, message, status, retryAfterSeconds}}', async () => {
    const r = createRouter(
      {
        'image.get': async () => {
          throw new GleanError('rate-limited', 'Slow down.', { status: 429, retryAfterSeconds: 7, url: 'https://x/images?key=k' });
        },
      },
      SELF,
    );
    const reply = await r({ type: 'image.get', payload: { query: { key: 'k' } } }, PAGE);
    expect(reply).toEqual({ ok: false, error: { kind: 'rate-limited', message: 'Slow down.', status: 429, retryAfterSeconds: 7 } });
  });

  it('passes SettingsInvalidError fields on', async () => {
    const fields = [{ field: 'token' as const, message: 'Enter your API token.' }];
    const r = createRouter({ 'settings.save': async () => Promise.reject(new SettingsInvalidError(fields)) }, SELF);
    const reply = await r({ type: 'settings.save', payload: { draft: DRAFT } }, PAGE);
    expect(reply).toEqual({ ok: false, error: { kind: 'unknown', message: 'Enter your API token.', fields } });
  });

  it('turns any other throw into kind "unknown" without rejecting', async () => {
    const r = createRouter(
      {
        'settings.get': async () => {
          throw 'a string';
        },
        'sites.get': () => {
          throw new TypeError('sync throw');
        },
      },
      SELF,
    );
    expect(await r({ type: 'settings.get', payload: null }, PAGE)).toEqual({ ok: false, error: { kind: 'unknown', message: 'a string' } });
    expect(await r({ type: 'sites.get', payload: null }, PAGE)).toEqual({ ok: false, error: { kind: 'unknown', message: 'sync throw' } });
  });

  it('refuses a known message with no handler', async () => {
    const r = createRouter({ 'settings.get': spies['settings.get'] as never }, SELF);
    const reply = await r({ type: 'sites.get', payload: null }, PAGE);
    expect(reply).toEqual({ ok: false, error: { kind: 'refused', message: '"sites.get" is not available.' } });
    expectNoHandlerCalled(spies);
  });

  it('hands the handler the parsed payload', async () => {
    const payload = { keys: ['a'] };
    await route({ type: 'page.keys', payload }, CONTENT);
    const [given] = spies['page.keys'].mock.calls[0]!;
    expect(given).toEqual(payload);
  });
});

describe('classifySender without browser-like URL origins', () => {
  // BUG (reported): classifySender compares `new URL(sender.url).origin` with `self.origin`. For
  // chrome-extension:/moz-extension: URLs the WHATWG URL origin is opaque ("null"): that is what
  // Node gives (and what old Firefox gave), so `self` built as setup.ts builds it is
  // { origin: 'null' }, and then every opaque-origin URL (data:, javascript:, about:blank, another
  // extension's page) is classified as this extension's page. An opaque origin is never an identity.
  it('never matches an opaque ("null") origin', () => {
    vi.restoreAllMocks(); // plain Node URL, no emulation
    const self = { id: EXT_ID, origin: new URL(`chrome-extension://${EXT_ID}/`).origin };
    expect(self.origin).toBe('null'); // the environment premise
    for (const url of ['data:text/html,hi', 'javascript:void 0', 'about:blank', 'chrome-extension://other-extension/popup.html']) {
      expect(classifySender({ id: EXT_ID, url, tab: { id: 1 }, frameId: 0 }, self)?.kind, url).not.toBe('page');
      expect(classifySender({ id: EXT_ID, url }, self)?.kind ?? null, url).toBeNull();
    }
  });
});
