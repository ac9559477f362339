/**
 * A web site full of Glean image references, for the page-images e2e suite: every kind the
 * browser loads (img src and srcset, <picture>, inline, <style> and linked-CSS backgrounds, open
 * and closed shadow roots, frames of this site and of another, keyed elements, an editor, images
 * added later and lazy-loaded ones), each naming its own key so the sandbox's log tells them apart.
 */
import { solidPng, type Sandbox } from './sandbox-fixture';
import type { PageServer } from './page-server';

/** The keys the kinds page names, by the element that shows each (frames and CSS included). */
export const KIND_KEYS = [
  'k-src', 'k-srcset', 'k-picture', 'k-inline', 'k-style', 'k-linked', 'k-open', 'k-closed',
  'k-frame', 'k-keyed', 'k-keyed-div', 'k-editor', 'k-later', 'k-lazy',
] as const;

/** Ids of the <img> elements whose own image the page can check (naturalWidth). */
export const KIND_IMGS = ['src', 'meta', 'srcset', 'picture', 'editor-img', 'later'] as const;

/** An SVG with script in every place an SVG can carry it; the script would call the sandbox. */
export const SCRIPTED_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="30" onload="fetch(\'/svg-ran-onload\')">' +
  '<script>fetch("/svg-ran-script")</script><rect width="30" height="30" fill="teal"/></svg>';

/** Stores the images the pages name, and serves the pages from `site` (and `other`, a site not enabled). */
export function setUpPageImagesSite(sandbox: Sandbox, site: PageServer, otherOrigin: string): void {
  KIND_KEYS.forEach((key, i) => sandbox.images.put({ type: 'UGC', id: key }, solidPng(24, 24, [40 + i * 12, 90, 160, 255]), 'image/png', { key }));
  sandbox.images.put({ type: 'UGC', id: 'k-frame-other' }, solidPng(24, 24, [200, 30, 30, 255]), 'image/png', { key: 'k-frame-other' });
  sandbox.images.put({ type: 'UGC', id: 'k-svg' }, Buffer.from(SCRIPTED_SVG), 'image/svg+xml', { key: 'k-svg' });
  const B = sandbox.baseUrl;
  const img = (key: string) => `${B}/images?key=${key}`;
  site.set('/kinds.css', `.linked{width:24px;height:24px;background-image:url("${img('k-linked')}")}`, 'text/css');
  site.set('/frame.html', `<!doctype html><title>frame</title><img id="f" src="${img('k-frame')}" alt="">`);
  site.set('/frame-other.html', `<!doctype html><title>other frame</title><img id="f" src="${img('k-frame-other')}" alt="">`);
  site.set(
    '/kinds.html',
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Glean images of every kind</title>
<link rel="stylesheet" href="/kinds.css">
<style>.styled{width:24px;height:24px;background-image:url("${img('k-style')}")} div{display:inline-block}</style>
</head><body>
<img id="src" src="${img('k-src')}" alt="">
<img id="meta" src="${B}/images?type=USER&amp;id=alice" alt="">
<img id="srcset" srcset="${img('k-srcset')} 1x" alt="">
<picture><source srcset="${img('k-picture')}"><img id="picture" src="/none.png" alt=""></picture>
<div id="inline" style="width:24px;height:24px;background-image:url('${img('k-inline')}')"></div>
<div id="styled" class="styled"></div>
<div id="linked" class="linked"></div>
<div id="open-host"></div>
<div id="closed-host"></div>
<iframe id="same" src="/frame.html" width="60" height="60"></iframe>
<iframe id="other" src="${otherOrigin}/frame-other.html" width="60" height="60"></iframe>
<img id="keyed" data-glean-image-key="k-keyed" alt="">
<div id="keyed-div" data-glean-image-key="k-keyed-div" style="width:24px;height:24px"></div>
<div id="editor" contenteditable="true"><p>Notes <img id="editor-img" src="${img('k-editor')}" alt="chart"></p></div>
<div style="height:4000px"></div>
<img id="lazy" loading="lazy" src="${img('k-lazy')}" alt="">
<script>
  window.__mutations = 0;
  document.getElementById('open-host').attachShadow({ mode: 'open' }).innerHTML = '<img id="in-open" src="${img('k-open')}" alt="">';
  window.__closed = document.getElementById('closed-host').attachShadow({ mode: 'closed' });
  window.__closed.innerHTML = '<img id="in-closed" src="${img('k-closed')}" alt="">';
  setTimeout(() => {
    document.getElementById('editor').insertAdjacentHTML('afterend', '<img id="later" src="${img('k-later')}" alt="">');
    document.title = 'ready';
    // From here on the page changes nothing itself: any mutation would be someone else's.
    const watch = (root) => new MutationObserver((records) => (window.__mutations += records.length)).observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    watch(document);
    watch(document.getElementById('open-host').shadowRoot);
    watch(window.__closed);
  }, 300);
</script>
</body></html>`,
  );
  site.set(
    '/secure.html',
    `<!doctype html><title>secure</title>
<img id="shown" src="${img('k-src')}" alt="">
<img id="cors" crossorigin="anonymous" src="${img('k-inline')}" alt="">
<img id="svg" src="${img('k-svg')}" alt="">
<img id="upload" src="${B}/uploadimage?type=USER&amp;id=alice" alt="">
<img id="v2" src="${sandbox.origin}/rest/api/v2/images?key=k-src" alt="">
<img id="otherhost" src="http://localhost:${sandbox.port}/rest/api/v1/images?key=k-src" alt="">`,
  );
  site.set(
    '/many.html',
    `<!doctype html><title>many</title><style>img{width:8px;height:8px}</style>` +
      Array.from({ length: 300 }, (_, i) => `<img id="m${i}" src="${img(`m-${i}`)}" alt="">`).join(''),
  );
  for (let i = 0; i < 300; i++) sandbox.images.put({ type: 'UGC', id: `m-${i}` }, solidPng(8, 8, [i % 256, 100, 50, 255]), 'image/png', { key: `m-${i}` });
}
