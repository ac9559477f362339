// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATA_URL_MAX, LocalUrls } from '../../../src/content/local-urls';
import { refId } from '../../../src/content/ref-id';
import { imagesEndpoint, refMatcher } from '../../../src/content/refs';
import { Tracker } from '../../../src/content/tracker';

const API = 'https://acme-be.glean.com/rest/api/v1';
const page = { match: refMatcher('https://wiki.acme.com/p', imagesEndpoint(API)!) };
const small = { ok: true as const, bytes: new Uint8Array([137, 80, 78, 71]).buffer as ArrayBuffer, contentType: 'image/png' };
const large = { ok: true as const, bytes: new ArrayBuffer(DATA_URL_MAX + 1), contentType: 'image/png' };
const notFound = { ok: false as const, error: { kind: 'not-found', message: 'Glean found nothing at this address (404).' } };
const A = { key: 'a' };
const B = { type: 'USER' as const, id: 'b' };

let urls: LocalUrls;
let tracker: Tracker;
let writes: number;

beforeEach(() => {
  document.body.innerHTML = '';
  urls = new LocalUrls();
  writes = 0;
  tracker = new Tracker(urls, (write) => {
    writes++;
    write();
  });
});
afterEach(() => vi.restoreAllMocks());

const byId = (id: string) => document.getElementById(id)!;

describe('Tracker', () => {
  it('marks a reference pending, then shows it from a local URL and keeps the original', () => {
    document.body.innerHTML = `<img id="i" src="${API}/images?key=a">`;
    expect(tracker.update(byId('i'), page)).toBe(byId('i'));
    expect(byId('i').getAttribute('data-glean-state')).toBe('pending');
    expect(tracker.unsettled(byId('i')).map((r) => r.ref)).toEqual([A]);
    tracker.result(refId(A), small, A);
    expect(byId('i').getAttribute('src')).toBe('data:image/png;base64,iVBORw==');
    expect(byId('i').getAttribute('data-glean-original-src')).toBe(`${API}/images?key=a`);
    expect(byId('i').getAttribute('data-glean-state')).toBe('shown');
  });

  it('applies an element only when every image it names has an answer', () => {
    document.body.innerHTML = `<img id="i" srcset="${API}/images?key=a 1x, ${API}/images?type=USER&amp;id=b 2x">`;
    tracker.update(byId('i'), page);
    tracker.result(refId(A), small, A);
    expect(byId('i').getAttribute('data-glean-state')).toBe('pending');
    tracker.result(refId(B), notFound, B);
    expect(byId('i').getAttribute('srcset')).toBe(`data:image/png;base64,iVBORw== 1x, ${API}/images?type=USER&id=b 2x`);
    expect(byId('i').getAttribute('data-glean-state')).toBe('failed');
    expect(byId('i').title).toBe('Glean image not shown: Glean found nothing at this address (404).');
  });

  it('says why in the title on failure, and gives the page its own title back once shown', () => {
    document.body.innerHTML = '<img id="i" title="Carol" data-glean-image-key="a">';
    tracker.update(byId('i'), page);
    tracker.result(refId(A), { ok: false, error: { kind: 'rate-limited', message: 'Glean is rate limiting requests (429).', status: 429 } }, A);
    expect(byId('i').title).toBe('Glean image not shown: Glean is rate limiting requests (429).');
    expect(tracker.forgetFailure(refId(A))).toBe(true);
    tracker.result(refId(A), small, A);
    expect(byId('i').title).toBe('Carol');
    expect(byId('i').hasAttribute('data-glean-original-title')).toBe(false);
  });

  it('fails a new element at once for an image that already failed', () => {
    document.body.innerHTML = '<img id="i" data-glean-image-key="a"><img id="j" data-glean-image-key="a">';
    tracker.update(byId('i'), page);
    tracker.result(refId(A), notFound, A);
    expect(tracker.update(byId('j'), page)).toBeNull();
    expect(byId('j').getAttribute('data-glean-state')).toBe('failed');
  });

  it('shares one blob: URL between elements and revokes it when the last one leaves', () => {
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    document.body.innerHTML = '<img id="i" data-glean-image-key="a"><div id="d" data-glean-image-key="a"></div>';
    tracker.update(byId('i'), page);
    tracker.update(byId('d'), page);
    tracker.result(refId(A), large, A);
    const url = byId('i').getAttribute('src')!;
    expect(url).toMatch(/^blob:/);
    expect(byId('d').style.backgroundImage).toContain(url);
    byId('i').remove();
    tracker.sweep();
    expect(revoke).not.toHaveBeenCalled();
    byId('d').remove();
    tracker.sweep();
    expect(revoke).toHaveBeenCalledWith(url);
    expect(urls.get(refId(A))).toBeUndefined();
  });

  it('follows the page when it names another image, and ignores its unrelated changes', () => {
    document.body.innerHTML = `<img id="i" src="${API}/images?key=a">`;
    tracker.update(byId('i'), page);
    tracker.result(refId(A), small, A);
    byId('i').setAttribute('style', 'width: 10px');
    expect(tracker.update(byId('i'), page)).toBeNull();
    expect(byId('i').getAttribute('data-glean-state')).toBe('shown');
    byId('i').setAttribute('src', `${API}/images?type=USER&id=b`);
    expect(tracker.update(byId('i'), page)).toBe(byId('i'));
    expect(tracker.unsettled(byId('i')).map((r) => r.ref)).toEqual([B]);
    byId('i').setAttribute('src', '/ordinary.png');
    tracker.update(byId('i'), page);
    expect(tracker.has(byId('i'))).toBe(false);
    expect(byId('i').getAttributeNames().filter((n) => n.startsWith('data-glean'))).toEqual([]);
  });

  it('puts everything back as the page wrote it when it lets go', () => {
    document.body.innerHTML = `<img id="i" src="${API}/images?key=a"><img id="k" data-glean-image-key="a"><div id="d" style="background-image: url('${API}/images?key=a')"></div>`;
    const before = document.body.innerHTML;
    for (const id of ['i', 'k', 'd']) tracker.update(byId(id), page);
    tracker.result(refId(A), small, A);
    expect(document.body.innerHTML).not.toBe(before);
    tracker.clear();
    expect(byId('i').getAttribute('src')).toBe(`${API}/images?key=a`);
    expect(byId('k').hasAttribute('src')).toBe(false);
    expect(byId('d').style.backgroundImage).toContain(`${API}/images?key=a`);
    expect(document.body.querySelectorAll('[data-glean-state], [data-glean-original-src], [data-glean-original-background]')).toHaveLength(0);
    expect(writes).toBeGreaterThan(0);
  });
});
