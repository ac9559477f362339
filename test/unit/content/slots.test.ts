// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { imagesEndpoint, refMatcher } from '../../../src/content/refs';
import { candidateSelectors, findCandidates, refsOf, render, slotsOf, type PageRefs } from '../../../src/content/slots';

const API = 'https://acme-be.glean.com/rest/api/v1';
const END = imagesEndpoint(API)!;
const PAGE = 'https://wiki.acme.com/space/page';
const page: PageRefs = { match: refMatcher(PAGE, END) };
const el = (html: string) => {
  document.body.innerHTML = html;
  return document.body.firstElementChild!.matches('picture') ? document.querySelector('source')! : document.body.firstElementChild!;
};
const urls = (slot: ReturnType<typeof slotsOf>[number]) => render(slot, (id) => `local:${id.slice(0, 2)}`);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('slotsOf', () => {
  it('reads an img src', () => {
    const slots = slotsOf(el(`<img src="${API}/images?key=a">`), page);
    expect(slots.map((s) => [s.attr, s.original])).toEqual([['src', `${API}/images?key=a`]]);
    expect(refsOf(slots).map((r) => r.ref)).toEqual([{ key: 'a' }]);
    expect(urls(slots[0]!)).toBe('local:k:');
  });

  it('reads a srcset with descriptors, replacing only the references', () => {
    const [slot] = slotsOf(el(`<img srcset="${API}/images?key=a 1x, /x.png 2x, ${API}/images?type=USER&amp;id=b 3x">`), page);
    expect(slot!.attr).toBe('srcset');
    expect(urls(slot!)).toBe('local:k: 1x, /x.png 2x, local:m: 3x');
    expect(render(slot!, () => undefined)).toBe(`${API}/images?key=a 1x, /x.png 2x, ${API}/images?type=USER&id=b 3x`);
  });

  it('reads a <source srcset> in a <picture>', () => {
    const slots = slotsOf(el(`<picture><source srcset="${API}/images?key=s"><img src="/fallback.png"></picture>`), page);
    expect(slots.map((s) => s.attr)).toEqual(['srcset']);
  });

  it('reads an inline background, keeping what surrounds the url()', () => {
    const [slot] = slotsOf(el(`<div style="background-image: url('${API}/images?key=a'), linear-gradient(red, blue)"></div>`), page);
    expect(slot!.attr).toBe('background');
    expect(urls(slot!)).toMatch(/^url\("local:k:"\), linear-gradient\(red, blue\)$/);
  });

  it('takes data-glean-image-key on an img as its src, and on anything else as its background', () => {
    const img = slotsOf(el('<img data-glean-image-key=" k1 " src="/placeholder.png">'), page);
    expect(img.map((s) => [s.attr, s.original])).toEqual([['src', '/placeholder.png']]);
    expect(refsOf(img).map((r) => r.ref)).toEqual([{ key: 'k1' }]);
    const div = slotsOf(el('<div data-glean-image-key="k2"></div>'), page);
    expect(div.map((s) => s.attr)).toEqual(['background']);
    expect(urls(div[0]!)).toBe('url("local:k:")');
  });

  it('reads keys even before the backend is known, and nothing else', () => {
    expect(slotsOf(el('<span data-glean-image-key="k"></span>'), { match: null })).toHaveLength(1);
    expect(slotsOf(el(`<img src="${API}/images?key=a">`), { match: null })).toEqual([]);
  });

  it.each([
    ['another host', '<img src="https://evil.example/rest/api/v1/images?key=a">'],
    ['an ordinary image', '<img src="/images/photo.png?w=100">'],
    ['an empty key attribute', '<img data-glean-image-key="  ">'],
    ['an ordinary background', `<div style="background-image: url('/bg.png?x=1')"></div>`],
  ])('finds nothing in %s', (_, html) => {
    expect(slotsOf(el(html), page)).toEqual([]);
  });
});

describe('candidateSelectors', () => {
  const html = `
    <img id="abs" src="${API}/images?key=a"><img id="ord" src="/images/photo.png?w=1"><img id="plain" src="/a.png">
    <img id="set" srcset="https://ACME-BE.glean.com/rest/api/v1/images?key=b 2x"><picture><source id="src" srcset="${API}/images?key=c"></picture>
    <div id="bg" style="background-image:url(${API}/images?key=d)"></div><div id="key" data-glean-image-key="e"></div>
    <img id="rel" src="/rest/api/v1/images?key=f"><img id="enc" src="/rest/api/v1/%69mages?key=g">`;

  it('on a page elsewhere, picks absolute URLs naming the backend and keyed elements only', () => {
    document.body.innerHTML = html;
    const ids = [...findCandidates(document, candidateSelectors(PAGE, END))].map((e) => e.id);
    expect(ids.sort()).toEqual(['abs', 'bg', 'key', 'set', 'src']);
  });

  it('on the backend\'s own origin, also picks relative URLs', () => {
    document.body.innerHTML = html;
    const ids = [...document.querySelectorAll(candidateSelectors('https://acme-be.glean.com/docs/x', END).join(','))].map((e) => e.id);
    expect(ids.sort()).toEqual(['abs', 'bg', 'enc', 'key', 'rel', 'set', 'src']);
  });

  it('without a backend, picks keyed elements only', () => {
    document.body.innerHTML = html;
    expect([...findCandidates(document, candidateSelectors(PAGE, null))].map((e) => e.id)).toEqual(['key']);
  });
});
