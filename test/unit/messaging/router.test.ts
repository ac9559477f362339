import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import { LIMITS, SENDER_OF, type MessageType, type SenderKind } from '../../../src/messaging/protocol';
import { classifySender, createRouter, type Handlers, type SenderInfo } from '../../../src/messaging/router';
import { REQUEST_SCHEMAS } from '../../../src/messaging/schemas';
import { SettingsInvalidError } from '../../../src/settings/validate';
import { EXT_ID, EXT_ORIGIN, SELF, emulateBrowserOrigins } from './extension-url';
import { ACCEPTED, DRAFT, EDGE, MALFORMED } from './samples';

const PAGE_URL = `${EXT_ORIGIN}/popup.html`;
const PAGE: SenderInfo = { id: EXT_ID, url: PAGE_URL, origin: EXT_ORIGIN };
const PAGE_NO_ORIGIN: SenderInfo = { id: EXT_ID, url: `${EXT_ORIGIN}/options.html` };
const PAGE_IN_TAB: SenderInfo = { id: EXT_ID, url: `${EXT_ORIGIN}/options.html`, origin: EXT_ORIGIN, tab: { id: 3, url: `${EXT_ORIGIN}/options.html` }, frameId: 0 };
const CONTENT_URL = 'https://intranet.example.com/wiki/page';
const CONTENT: SenderInfo = { id: EXT_ID, url: CONTENT_URL, origin: 'https://intranet.example.com', tab: { id: 7, url: CONTENT_URL }, frameId: 0 };

/** One valid payload per message (samples.ts: typed over the whole protocol). */
const VALID: Record<MessageType, unknown> = ACCEPTED;

/** Every message in the protocol. */
const ALL_TYPES = Object.keys(SENDER_OF) as MessageType[];
const ALL_PAGE_TYPES = ALL_TYPES.filter((t) => SENDER_OF[t] === 'page');
/** A sender of each kind, as a browser reports it. */
const SENDER_OF_KIND: Record<SenderKind, SenderInfo> = { page: PAGE, content: CONTENT };
const KINDS = Object.keys(SENDER_OF_KIND) as SenderKind[];

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
    // Our content scripts run only in http(s) pages: a tab on any other scheme is not one of them.
    ['a tab on about:blank', { id: EXT_ID, url: 'about:blank', tab: { id: 7 }, frameId: 0 }],
    ['a tab on a file: url', { id: EXT_ID, url: 'file:///etc/passwd', tab: { id: 7 }, frameId: 0 }],
    ['a tab on a data: url', { id: EXT_ID, url: 'data:text/html,hi', tab: { id: 7 }, frameId: 0 }],
    ['a tab on another extension\'s page', { id: EXT_ID, url: 'chrome-extension://other-extension-id/x.html', tab: { id: 7 }, frameId: 0 }],
    ['a tab on an ftp: url', { id: EXT_ID, url: 'ftp://intranet.example.com/a', origin: 'ftp://intranet.example.com', tab: { id: 7 }, frameId: 0 }],
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
    await expectRefused({ type, payload: VALID[type] }, { ...sender, id: 'some-other-extension' }, /only from this extension/);
  });

  it.each(ALL_TYPES)('refuses %s without a sender url', async (type) => {
    const { url: _url, ...noUrl } = SENDER_OF[type] === 'page' ? PAGE : CONTENT;
    await expectRefused({ type, payload: VALID[type] }, noUrl);
  });

  it.each(ALL_PAGE_TYPES)('accepts %s from an extension page (no tab) with the parsed payload', async (type) => {
    const reply = await route({ type, payload: VALID[type] }, PAGE);
    expect(reply).toEqual({ ok: true, value: `handled ${type}` });
    expect(spies[type]).toHaveBeenCalledTimes(1);
    expect(spies[type]).toHaveBeenCalledWith(VALID[type], { kind: 'page', url: PAGE_URL });
  });

  it.each(ALL_PAGE_TYPES)('accepts %s from an extension page open in a tab', async (type) => {
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
    await expectRefused({ type, payload: VALID[type] }, CONTENT, /not accepted from this sender/);
  });

  it.each(ALL_PAGE_TYPES)('refuses %s from a content script that claims the extension origin', async (type) => {
    await expectRefused({ type, payload: VALID[type] }, { ...CONTENT, origin: EXT_ORIGIN });
  });

  it.each([PAGE, PAGE_IN_TAB, PAGE_NO_ORIGIN])('refuses page.keys from an extension page (%#)', async (sender) => {
    await expectRefused({ type: 'page.keys', payload: VALID['page.keys'] }, sender, /not accepted from this sender/);
  });

  it.each(ALL_PAGE_TYPES)('refuses %s when sender.origin disagrees with the extension url', async (type) => {
    await expectRefused({ type, payload: VALID[type] }, { ...PAGE_IN_TAB, origin: 'https://evil.example' });
  });

  it.each(['https://intranet.example.com/', 'http://127.0.0.1:8787/'])('refuses every message from %s without a tab', async (url) => {
    for (const type of ALL_TYPES) {
      await expectRefused({ type, payload: VALID[type] }, { id: EXT_ID, url, origin: new URL(url).origin, frameId: 0 });
    }
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', 'about:blank'])(
    'never treats %s as an extension page',
    async (url) => {
      for (const type of ALL_PAGE_TYPES) {
        await expectRefused({ type, payload: VALID[type] }, { id: EXT_ID, url, tab: { id: 1 }, frameId: 0 });
        await expectRefused({ type, payload: VALID[type] }, { id: EXT_ID, url });
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

describe('every message at the boundary (generated from the protocol\'s sender table)', () => {
  it('has samples for every message, and none for messages the protocol lacks', () => {
    for (const table of [ACCEPTED, MALFORMED]) expect(Object.keys(table).sort()).toEqual([...ALL_TYPES].sort());
    for (const type of ALL_TYPES) {
      expect(Object.hasOwn(ACCEPTED, type), `${type}: an accepted sample`).toBe(true);
      expect(MALFORMED[type].length, `${type}: malformed samples`).toBeGreaterThan(0);
    }
  });

  describe.each(ALL_TYPES)('%s', (type) => {
    const own = SENDER_OF[type];

    it('is taken from its own sender kind, with the parsed payload and who sent it', async () => {
      const reply = await route({ type, payload: VALID[type] }, SENDER_OF_KIND[own]);
      expect(reply).toEqual({ ok: true, value: `handled ${type}` });
      expect(spies[type]).toHaveBeenCalledTimes(1);
      const who = own === 'page' ? { kind: 'page', url: PAGE_URL } : { kind: 'content', tabId: 7, frameId: 0, url: CONTENT_URL };
      expect(spies[type]).toHaveBeenCalledWith(VALID[type], who);
    });

    it.each(KINDS.filter((k) => k !== own))('is refused from a %s sender, and nothing runs', async (kind) => {
      await expectRefused({ type, payload: VALID[type] }, SENDER_OF_KIND[kind], /not accepted from this sender/);
    });

    it.each(MALFORMED[type])('refuses the payload "%s"', async (_name, payload) => {
      await expectRefused({ type, payload }, SENDER_OF_KIND[own], new RegExp(`Malformed "${type.replace('.', '\\.')}"`));
    });
  });
});

describe('createRouter: payloads', () => {
  it.each(EDGE)('accepts edge-of-limit %s payloads (%#)', async (type, payload) => {
    const reply = await route({ type, payload }, SENDER_OF_KIND[SENDER_OF[type]]);
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
