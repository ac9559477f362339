/**
 * Sample payloads for every message of the protocol: one the router must take, and some its schema
 * must refuse. Both tables are typed over the whole protocol, so a message added without samples
 * does not compile; router.test.ts also checks each table at run time.
 */
import { LIMITS, type MessageType, type RequestOf } from '../../../src/messaging/protocol';
import { DEFAULT_SCOPES } from '../../../src/oauth/config';
import { DEFAULT_UPLOAD_PREFERENCES } from '../../../src/settings/upload-preferences';

export const DRAFT = { backend: 'acme', tokenType: 'user', actAs: '', userId: '' } as const;
const HANDOVER_ID = '3f2b8c1e-5d4a-4e7b-9c1d-0a1b2c3d4e5f';

/** One payload per message that the router must accept from the message's own sender kind. */
export const ACCEPTED: { [K in MessageType]: RequestOf<K> } = {
  'settings.get': null,
  'settings.save': { draft: DRAFT, token: 'tok' },
  'token.forget': null,
  'connection.test': { draft: DRAFT },
  'image.get': { query: { key: 'abc' } },
  'upload.enqueue': { metadata: { type: 'UGC' }, bytes: new Uint8Array([1, 2, 3]).buffer, source: { fileName: 'a.png' }, handoverId: HANDOVER_ID },
  'upload.enqueueFromTab': { metadata: { type: 'LOGO', ds: 'wiki' }, tabId: 4, images: [{ src: 'https://intranet.example.com/a.png', frameId: 0 }], processing: { maxWidth: 800, format: 'webp', quality: 0.8 } },
  'upload.status': null,
  'policy.get': null,
  'upload.retry': { id: 'job-1' },
  'upload.cancel': { id: 'job-1' },
  'history.list': { limit: 20 },
  'history.clear': null,
  'tab.images': { tabId: 4 },
  'preferences.get': null,
  'preferences.save': { ...DEFAULT_UPLOAD_PREFERENCES, processing: { maxWidth: 1024, maxHeight: 0, format: 'jpeg', quality: 0.9, squareCrop: false }, defaultMetadata: { ds: 'wiki' } },
  'sites.get': null,
  'sites.set': { site: 'https://intranet.example.com', enabled: true },
  'sites.everywhere.get': null,
  'sites.everywhere.set': { everywhere: true },
  'tab.gleanImages': { tabId: 4 },
  'page.keys': { keys: ['k1', 'k2'] },
  'toast.retry': { jobId: 'job-1' },
  'toast.show': { jobId: 'job-1' },
  'oauth.signIn': { backend: 'acme', userId: '', provider: 'glean', issuer: '', clientId: '', scopes: DEFAULT_SCOPES },
  'oauth.signOut': null,
  'screenshot.start': { tabId: 4, kind: 'region' },
  'screenshot.get': { id: '3f2b8c1e-5d4a-4e7b-9c1d-0a1b2c3d4e5f' },
  'screenshot.upload': { metadata: { type: 'FEEDBACK' }, bytes: new Uint8Array([1, 2, 3]).buffer, fileName: 'screenshot.png', tabId: 4, pageUrl: 'https://intranet.example.com/page' },
  'screenshot.preferences.get': null,
  'screenshot.preferences.save': { type: 'FEEDBACK', uploadAtOnce: false, autoCopy: 'markdown', format: 'png', quality: 0.9 },
};

const longField = 'x'.repeat(LIMITS.fieldLength + 1);
const longKey = 'k'.repeat(LIMITS.keyLength + 1);
const longUrl = `https://a.example/${'x'.repeat(LIMITS.urlLength)}`;
const withField = (over: object, base: object) => ({ ...base, ...over });

type Bad = [name: string, payload: unknown][];

/** What a payload-less message must refuse. */
const notNull: Bad = [
  ['missing payload', undefined],
  ['an object', {}],
  ['false', false],
  ['an array', []],
];

const draftRefusals: Bad = [
  ['missing payload', undefined],
  ['null', null],
  ['no draft', { token: 't' }],
  ['draft missing backend', { draft: { tokenType: 'user', actAs: '', userId: '' } }],
  ['draft missing userId', { draft: { backend: 'acme', tokenType: 'user', actAs: '' } }],
  ['draft extra field', { draft: { ...DRAFT, apiBase: 'https://evil.example' } }],
  ['payload extra field', { draft: DRAFT, apiBase: 'https://evil.example' }],
  ['payload extra field named like a prototype key', JSON.parse(`{"draft": ${JSON.stringify(DRAFT)}, "__proto__": {"x": 1}}`)],
  ['draft extra field "constructor"', { draft: { ...DRAFT, constructor: 'x' } }],
  ['unknown token type', { draft: { ...DRAFT, tokenType: 'admin' } }],
  ['tokenType oauth', { draft: { ...DRAFT, tokenType: 'oauth' } }],
  ['backend a number', { draft: { ...DRAFT, backend: 42 } }],
  ['actAs null', { draft: { ...DRAFT, actAs: null } }],
  ['userId too long', { draft: { ...DRAFT, userId: longField } }],
  ['backend too long', { draft: { ...DRAFT, backend: longField } }],
  ['actAs too long', { draft: { ...DRAFT, actAs: longField } }],
  ['token a number', { draft: DRAFT, token: 1234 }],
  ['token null', { draft: DRAFT, token: null }],
  ['token too long', { draft: DRAFT, token: 't'.repeat(LIMITS.tokenLength + 1) }],
  ['draft an array', { draft: [DRAFT] }],
];

const enqueue = { metadata: { type: 'UGC' }, bytes: new ArrayBuffer(1), source: {} };
const fromTab = { metadata: { type: 'UGC' }, tabId: 4, images: [{ src: 'https://a.example/x.png', frameId: 0 }] };
/** Refusals of the fields every upload shares (metadata, act as, processing, insist, hand-over id). */
const uploadOptionRefusals = (ok: object): Bad => [
  ['metadata missing type', withField({ metadata: {} }, ok)],
  ['metadata with a key', withField({ metadata: { type: 'UGC', key: 'k' } }, ok)],
  ['unknown image type', withField({ metadata: { type: 'DOCUMENT_IMAGE' } }, ok)],
  ['metadata id too long', withField({ metadata: { type: 'USER', id: longField } }, ok)],
  ['metadata ds a number', withField({ metadata: { type: 'UGC', ds: 1 } }, ok)],
  ['metadata cid too long', withField({ metadata: { type: 'UGC', cid: longField } }, ok)],
  ['act as too long', withField({ actAs: longField }, ok)],
  ['act as a number', withField({ actAs: 7 }, ok)],
  ['insist a string', withField({ insist: 'yes' }, ok)],
  ['processing with an extra field', withField({ processing: { format: 'keep', script: 'x' } }, ok)],
  ['processing width too large', withField({ processing: { maxWidth: 20_001 } }, ok)],
  ['processing height negative', withField({ processing: { maxHeight: -1 } }, ok)],
  ['processing width fractional', withField({ processing: { maxWidth: 10.5 } }, ok)],
  ['processing format gif', withField({ processing: { format: 'gif' } }, ok)],
  ['processing quality above 1', withField({ processing: { quality: 1.01 } }, ok)],
  ['processing quality negative', withField({ processing: { quality: -0.1 } }, ok)],
  ['processing square crop a string', withField({ processing: { squareCrop: 'yes' } }, ok)],
  ['hand-over id too short', withField({ handoverId: 'abc' }, ok)],
  ['hand-over id too long', withField({ handoverId: 'a'.repeat(65) }, ok)],
  ['hand-over id with a slash', withField({ handoverId: '../../jobs/other-id' }, ok)],
  ['hand-over id a number', withField({ handoverId: 12345678 }, ok)],
];

const prefs = ACCEPTED['preferences.save'];
const jobRefRefusals: Bad = [
  ['empty job id', { jobId: '' }],
  ['job id too long', { jobId: 'j'.repeat(101) }],
  ['job id a number', { jobId: 1 }],
  ['the id under another name', { id: 'job-1' }],
  ['extra field', { jobId: 'job-1', tabId: 3 }],
];
const jobIdRefusals: Bad = [
  ['empty id', { id: '' }],
  ['numeric id', { id: 1 }],
  ['id too long', { id: 'j'.repeat(101) }],
  ['extra field', { id: 'job-1', all: true }],
];
const tabIdRefusals: Bad = [
  ['negative tab id', { tabId: -1 }],
  ['tab id as a string', { tabId: '4' }],
  ['fractional tab id', { tabId: 1.5 }],
  ['NaN tab id', { tabId: Number.NaN }],
  ['no tab id', {}],
  ['extra field', { tabId: 4, url: 'https://evil.example/' }],
];
const signIn = ACCEPTED['oauth.signIn'];

/** Payloads each message's schema must refuse; at least one per message. */
export const MALFORMED: { [K in MessageType]: Bad } = {
  'settings.get': notNull,
  'token.forget': [...notNull, ['an object', { all: true }], ['a string', 'now']],
  'settings.save': draftRefusals,
  'connection.test': draftRefusals,
  'image.get': [
    ['no query', {}],
    ['query null', { query: null }],
    ['empty key', { query: { key: '' } }],
    ['key too long', { query: { key: longKey } }],
    ['key a number', { query: { key: 1 } }],
    ['key and type together', { query: { key: 'k', type: 'USER' } }],
    ['a url instead of a key', { query: { url: 'https://evil.example/x' } }],
    ['unknown image type', { query: { type: 'DOCUMENT_IMAGE' } }],
    ['id too long', { query: { type: 'USER', id: longField } }],
    ['extra field', { query: { key: 'k' }, baseUrl: 'https://evil.example' }],
  ],
  'upload.enqueue': [
    ['no bytes', { metadata: enqueue.metadata, source: {} }],
    ['bytes a Uint8Array', { ...enqueue, bytes: new Uint8Array([1, 2]) }],
    ['bytes a DataView', { ...enqueue, bytes: new DataView(new ArrayBuffer(2)) }],
    ['bytes a plain array', { ...enqueue, bytes: [1, 2] }],
    ['bytes a base64 string', { ...enqueue, bytes: 'iVBORw0KGgo=' }],
    ['bytes an object shaped like a Blob', { ...enqueue, bytes: { size: 1, type: 'image/png', arrayBuffer: null } }],
    ['bytes null', { ...enqueue, bytes: null }],
    ['no metadata', { bytes: enqueue.bytes, source: {} }],
    ['no source', { metadata: enqueue.metadata, bytes: enqueue.bytes }],
    ['source with an extra field', { ...enqueue, source: { url: 'https://evil.example/' } }],
    ['source naming a tab', { ...enqueue, source: { tabId: 3 } }],
    ['source file name too long', { ...enqueue, source: { fileName: longField } }],
    ['source page url too long', { ...enqueue, source: { pageUrl: longUrl } }],
    ['source image url a number', { ...enqueue, source: { srcUrl: 1 } }],
    ['extra field', { ...enqueue, contentType: 'image/png' }],
    ...uploadOptionRefusals(enqueue),
  ],
  'upload.enqueueFromTab': [
    ['no images', { metadata: fromTab.metadata, tabId: 4 }],
    ['no images in the list', { ...fromTab, images: [] }],
    ['more images than a batch takes', { ...fromTab, images: Array.from({ length: LIMITS.imagesPerBatch + 1 }, (_, i) => ({ src: `https://a.example/${i}.png`, frameId: 0 })) }],
    ['an image without src', { ...fromTab, images: [{ frameId: 0 }] }],
    ['an empty src', { ...fromTab, images: [{ src: '', frameId: 0 }] }],
    ['a src too long', { ...fromTab, images: [{ src: longUrl, frameId: 0 }] }],
    ['a negative frame id', { ...fromTab, images: [{ src: 'https://a.example/x.png', frameId: -1 }] }],
    ['a fractional frame id', { ...fromTab, images: [{ src: 'https://a.example/x.png', frameId: 0.5 }] }],
    ['an image with an extra field', { ...fromTab, images: [{ src: 'https://a.example/x.png', frameId: 0, tabId: 9 }] }],
    ['images a string', { ...fromTab, images: 'https://a.example/x.png' }],
    ['no tab id', { metadata: fromTab.metadata, images: fromTab.images }],
    ['a negative tab id', { ...fromTab, tabId: -1 }],
    ['bytes alongside', { ...fromTab, bytes: new ArrayBuffer(1) }],
    ...uploadOptionRefusals(fromTab),
  ],
  'upload.status': notNull,
  'policy.get': notNull,
  'upload.retry': jobIdRefusals,
  'upload.cancel': jobIdRefusals,
  'history.list': [
    ['limit 0', { limit: 0 }],
    ['fractional limit', { limit: 1.5 }],
    ['limit too big', { limit: LIMITS.historyPage + 1 }],
    ['limit a string', { limit: '20' }],
    ['no limit', {}],
  ],
  'history.clear': [...notNull, ['an object', { all: true }]],
  'tab.images': tabIdRefusals,
  'preferences.get': notNull,
  'preferences.save': [
    ['missing payload', undefined],
    ['a size cap under 1 MiB', { ...prefs, capBytes: 1024 * 1024 - 1 }],
    ['a size cap over 200 MiB', { ...prefs, capBytes: 200 * 1024 * 1024 + 1 }],
    ['a fractional size cap', { ...prefs, capBytes: 2_000_000.5 }],
    ['concurrency 0', { ...prefs, concurrency: 0 }],
    ['concurrency 9', { ...prefs, concurrency: 9 }],
    ['fractional concurrency', { ...prefs, concurrency: 1.5 }],
    ['attempts 0', { ...prefs, maxAttempts: 0 }],
    ['attempts 21', { ...prefs, maxAttempts: 21 }],
    ['fractional attempts', { ...prefs, maxAttempts: 2.5 }],
    ['history cap 9', { ...prefs, historyCap: 9 }],
    ['history cap 5001', { ...prefs, historyCap: 5001 }],
    ['fractional history cap', { ...prefs, historyCap: 10.5 }],
    ['processing with an extra field', { ...prefs, processing: { format: 'keep', script: 'x' } }],
    ['processing width too large', { ...prefs, processing: { maxWidth: 20_001 } }],
    ['processing height too large', { ...prefs, processing: { maxHeight: 20_001 } }],
    ['processing width negative', { ...prefs, processing: { maxWidth: -1 } }],
    ['processing height fractional', { ...prefs, processing: { maxHeight: 0.5 } }],
    ['processing format gif', { ...prefs, processing: { format: 'gif' } }],
    ['processing quality above 1', { ...prefs, processing: { quality: 2 } }],
    ['processing quality negative', { ...prefs, processing: { quality: -1 } }],
    ['processing square crop a string', { ...prefs, processing: { squareCrop: 'yes' } }],
    ['no processing', { ...prefs, processing: undefined }],
    ['unknown default type', { ...prefs, defaultType: 'DOCUMENT_IMAGE' }],
    ['default metadata naming a type', { ...prefs, defaultMetadata: { type: 'USER' } }],
    ['default metadata id too long', { ...prefs, defaultMetadata: { id: longField } }],
    ['default metadata ds too long', { ...prefs, defaultMetadata: { ds: longField } }],
    ['default metadata cid a number', { ...prefs, defaultMetadata: { cid: 1 } }],
    ['extra field', { ...prefs, apiBase: 'https://evil.example' }],
  ],
  'sites.get': notNull,
  'sites.set': [
    ['no enabled', { site: 'https://a.example' }],
    ['enabled a string', { site: 'https://a.example', enabled: 'true' }],
    ['site a number', { site: 1, enabled: true }],
    ['site too long', { site: `https://${longField}`, enabled: true }],
    ['extra field', { site: 'https://a.example', enabled: true, pattern: '<all_urls>' }],
  ],
  'sites.everywhere.get': notNull,
  'sites.everywhere.set': [
    ['no flag', {}],
    ['the flag a string', { everywhere: 'true' }],
    ['extra field', { everywhere: true, sites: ['<all_urls>'] }],
    ['null', null],
  ],
  'tab.gleanImages': tabIdRefusals,
  'page.keys': [
    ['missing payload', undefined],
    ['no keys', {}],
    ['empty keys array', { keys: [] }],
    ['keys a string', { keys: 'abc' }],
    ['an empty key', { keys: ['a', ''] }],
    ['a key too long', { keys: [longKey] }],
    ['a key not a string', { keys: ['a', 7] }],
    ['a key that is an object', { keys: [{ url: 'https://evil.example' }] }],
    ['too many keys', { keys: Array.from({ length: LIMITS.keysPerResolve + 1 }, (_, i) => `k${i}`) }],
    ['a url alongside keys', { keys: ['a'], url: 'https://evil.example/steal' }],
    ['a sparse array', { keys: [, 'a'] }], // eslint-disable-line no-sparse-arrays
  ],
  'toast.retry': jobRefRefusals,
  'toast.show': jobRefRefusals,
  'oauth.signIn': [
    ['null', null],
    ['unknown provider', { ...signIn, provider: 'google' }],
    ['no scopes', { ...signIn, scopes: undefined }],
    ['backend too long', { ...signIn, backend: longField }],
    ['user id a number', { ...signIn, userId: 7 }],
    ['issuer too long', { ...signIn, issuer: longField }],
    ['client id null', { ...signIn, clientId: null }],
    ['scopes too long', { ...signIn, scopes: longField }],
    ['a token alongside', { ...signIn, token: 'tok' }],
  ],
  'oauth.signOut': notNull,
  'screenshot.start': [
    ['unknown kind', { tabId: 4, kind: 'desktop' }],
    ['no tab', { kind: 'visible' }],
    ['negative tab id', { tabId: -1, kind: 'visible' }],
    ['extra field', { tabId: 4, kind: 'visible', url: 'https://evil.example/' }],
  ],
  'screenshot.get': [
    ['not a uuid', { id: '../captures/other' }],
    ['id a number', { id: 7 }],
    ['extra field', { id: '3f2b8c1e-5d4a-4e7b-9c1d-0a1b2c3d4e5f', tabId: 4 }],
  ],
  'screenshot.upload': [
    ['bytes a base64 string', { ...ACCEPTED['screenshot.upload'], bytes: 'iVBORw0KGgo=' }],
    ['no file name', { ...ACCEPTED['screenshot.upload'], fileName: '' }],
    ['file name too long', { ...ACCEPTED['screenshot.upload'], fileName: 'x'.repeat(201) }],
    ['unknown image type', { ...ACCEPTED['screenshot.upload'], metadata: { type: 'SCREENSHOT' } }],
    ['extra field', { ...ACCEPTED['screenshot.upload'], url: 'https://evil.example/' }],
  ],
  'screenshot.preferences.get': notNull,
  'screenshot.preferences.save': [
    ['quality above 1', { ...ACCEPTED['screenshot.preferences.save'], quality: 2 }],
    ['quality 0', { ...ACCEPTED['screenshot.preferences.save'], quality: 0 }],
    ['unknown format', { ...ACCEPTED['screenshot.preferences.save'], format: 'gif' }],
    ['unknown clipboard choice', { ...ACCEPTED['screenshot.preferences.save'], autoCopy: 'html' }],
    ['missing field', { type: 'FEEDBACK', uploadAtOnce: true }],
    ['extra field', { ...ACCEPTED['screenshot.preferences.save'], apiBase: 'https://evil.example' }],
  ],
};

/** Payloads at the edge of each limit that must still be accepted. */
export const EDGE: [MessageType, unknown][] = [
  ['settings.save', { draft: { ...DRAFT, userId: 'x'.repeat(LIMITS.fieldLength) }, token: 't'.repeat(LIMITS.tokenLength) }],
  ['settings.save', { draft: DRAFT, token: undefined }],
  ['settings.save', { draft: { backend: '', tokenType: 'global', actAs: 'x', userId: '' } }], // shape ok; validation is the handler's
  ['image.get', { query: { key: 'k'.repeat(LIMITS.keyLength) } }],
  ['image.get', { query: { type: 'USER', id: 'u1' } }],
  ['image.get', { query: { type: 'LOGO', ds: 'd', cid: 'c' } }],
  ['upload.enqueue', { metadata: { type: 'USER', id: 'me' }, bytes: new ArrayBuffer(0), source: {}, insist: true }],
  ['upload.enqueue', { ...enqueue, handoverId: 'a'.repeat(64), processing: { maxWidth: 20_000, maxHeight: 0, quality: 1, squareCrop: true } }],
  ['upload.enqueue', { ...enqueue, handoverId: 'a_b-c123', actAs: 'x'.repeat(LIMITS.fieldLength), processing: { quality: 0 } }],
  // A chosen file goes as the File itself (cloning passes a handle to its bytes, not a copy).
  ['upload.enqueue', { ...enqueue, bytes: new File([new Uint8Array([1])], 'a.png') }],
  ['upload.enqueueFromTab', { ...fromTab, tabId: 0, images: Array.from({ length: LIMITS.imagesPerBatch }, (_, i) => ({ src: `https://a.example/${i}.png`, frameId: i })) }],
  ['history.list', { limit: LIMITS.historyPage }],
  ['history.list', { limit: 1 }],
  ['preferences.save', { ...prefs, capBytes: 1024 * 1024, concurrency: 1, maxAttempts: 1, historyCap: 10, processing: {} }],
  ['preferences.save', { ...prefs, capBytes: 200 * 1024 * 1024, concurrency: 8, maxAttempts: 20, historyCap: 5000, processing: { maxWidth: 20_000, maxHeight: 20_000, quality: 1 } }],
  ['sites.set', { site: 'anything at all', enabled: false }],
  ['upload.retry', { id: 'j'.repeat(100) }],
  ['oauth.signIn', { ...signIn, provider: 'external', issuer: 'https://accounts.example.com', clientId: 'client-1', scopes: 'openid' }],
];
