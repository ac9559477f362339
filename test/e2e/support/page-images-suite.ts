/**
 * Glean images on pages, the same assertions in Chromium and Firefox: the browser loads the page's
 * own URLs with the token the extension adds outside the page. The page is never written to (its
 * HTML, shadow roots and frames byte for byte as before, and its own MutationObserver hears
 * nothing), cannot read what it is shown (tainted canvas, no token on its fetch, XHR, navigations,
 * other paths or hosts, or on a site that is not enabled), a warm reload asks nothing, 300 images
 * under Glean's rate limit all show in time, and signing out leaves no image showing.
 */
import { describe, expect, it } from 'vitest';
import type { PageServer } from './page-server';
import { KIND_IMGS, KIND_KEYS } from './page-images-site';
import { apiRequests, type Sandbox } from './sandbox-fixture';

/** A tab, as both drivers offer it. */
export interface TestPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  reload(): Promise<unknown>;
  close(): Promise<void>;
}

export interface PageImagesHarness {
  sandbox: Sandbox;
  /** The enabled site (http://127.0.0.1:PORT, cross-origin to the backend). */
  site: PageServer;
  /** The same pages from a site that is not enabled (http://localhost:PORT). */
  otherOrigin: string;
  open(url: string): Promise<TestPage>;
  /** Sends a protocol message from an extension page and returns its value (throws its error). */
  ext<T>(type: string, payload: unknown): Promise<T>;
  /** The id of the tab showing `url`. */
  tabId(url: string): Promise<number>;
}

const gets = (sandbox: Sandbox) => apiRequests(sandbox).filter((r) => r.path === '/rest/api/v1/images');
const authorizedKeys = (sandbox: Sandbox) => new Set(gets(sandbox).filter((r) => r.headers.authorization && r.status === 200).map((r) => r.query.key ?? `${r.query.type}:${r.query.id}`));

/** Whether each checkable image of the kinds page shows. Runs in the page. */
function kindsShown(ids: readonly string[]): Record<string, boolean> {
  const ok = (img: HTMLImageElement | null | undefined) => Boolean(img && img.complete && img.naturalWidth > 0);
  const w = window as unknown as { __closed: ShadowRoot };
  const out: Record<string, boolean> = {};
  for (const id of ids) out[id] = ok(document.getElementById(id) as HTMLImageElement);
  out['in-open'] = ok(document.getElementById('open-host')!.shadowRoot!.getElementById('in-open') as HTMLImageElement);
  out['in-closed'] = ok(w.__closed.getElementById('in-closed') as HTMLImageElement);
  out.frame = ok((document.getElementById('same') as HTMLIFrameElement).contentDocument?.getElementById('f') as HTMLImageElement);
  return out;
}

/** Everything of the kinds page a script or a save could see. Runs in the page. */
function snapshot(): Record<string, string | number> {
  const w = window as unknown as { __closed: ShadowRoot; __mutations: number };
  return {
    html: document.documentElement.outerHTML,
    open: document.getElementById('open-host')!.shadowRoot!.innerHTML,
    closed: w.__closed.innerHTML,
    frame: (document.getElementById('same') as HTMLIFrameElement).contentDocument!.documentElement.outerHTML,
    editor: document.getElementById('editor')!.innerHTML,
    mutations: w.__mutations,
  };
}

const ready = (page: TestPage) => expect.poll(() => page.evaluate(() => document.title, null), { timeout: 10_000 }).toBe('ready');

export function describePageImages(browserName: string, harness: () => PageImagesHarness): void {
  describe(`${browserName}: Glean images on pages`, () => {
    it('shows every kind with the page\'s own URLs and leaves the page byte for byte as it was', async () => {
      const { sandbox, site } = harness();
      sandbox.clearLog();
      const page = await harness().open(`${site.origin}/kinds.html`);
      await ready(page);
      const before = await page.evaluate(snapshot, null);
      const eager = KIND_KEYS.filter((k) => k !== 'k-lazy');
      await expect.poll(() => eager.filter((k) => !authorizedKeys(sandbox).has(k)), { timeout: 15_000 }).toEqual([]);
      expect(authorizedKeys(sandbox).has('USER:alice')).toBe(true);
      expect(authorizedKeys(sandbox).has('k-lazy')).toBe(false); // not asked for until it comes near
      await page.evaluate(() => document.getElementById('lazy')!.scrollIntoView(), null);
      await expect.poll(() => authorizedKeys(sandbox).has('k-lazy'), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => page.evaluate(kindsShown, [...KIND_IMGS, 'lazy']), { timeout: 10_000 }).toEqual(
        Object.fromEntries([...KIND_IMGS, 'lazy', 'in-open', 'in-closed', 'frame'].map((id) => [id, true])),
      );
      // Keyed elements show through the adopted sheet: the browser applies it and loads with the token.
      const keyed = await page.evaluate(() => [getComputedStyle(document.getElementById('keyed')!).content, getComputedStyle(document.getElementById('keyed-div')!).backgroundImage], null);
      expect(keyed[0]).toContain('key=k-keyed');
      expect(keyed[1]).toContain('key=k-keyed-div');

      expect(await page.evaluate(snapshot, null)).toEqual(before);
      expect(before.editor).toContain(`${sandbox.baseUrl}/images?key=k-editor`);
      // Every authorized request carried the token and nothing else asked for it.
      for (const r of gets(sandbox).filter((x) => x.headers.authorization)) expect(r.headers.authorization).toBe(`Bearer ${sandbox.tokens.user}`);
      // A frame from a site that is not enabled gets nothing.
      expect(gets(sandbox).filter((r) => r.query.key === 'k-frame-other').map((r) => [r.status, Boolean(r.headers.authorization)])).toEqual([[401, false]]);
      await page.close();
    });

    it('shows a reload of that page from the cache, asking the backend nothing', async () => {
      const { sandbox, site } = harness();
      const page = await harness().open(`${site.origin}/kinds.html`);
      await ready(page);
      await expect.poll(() => page.evaluate(kindsShown, KIND_IMGS), { timeout: 15_000 }).toEqual(Object.fromEntries([...KIND_IMGS, 'in-open', 'in-closed', 'frame'].map((id) => [id, true])));
      sandbox.clearLog();
      const start = Date.now();
      await page.reload();
      await ready(page);
      await expect.poll(() => page.evaluate(kindsShown, KIND_IMGS), { timeout: 15_000 }).toEqual(Object.fromEntries([...KIND_IMGS, 'in-open', 'in-closed', 'frame'].map((id) => [id, true])));
      console.info(`${browserName}: warm reload of the kinds page shown in ${Date.now() - start} ms`);
      // The frame of the site that is not enabled asks the backend itself, without the token.
      expect(gets(sandbox).map((r) => `${r.query.key} ${r.status} ${Boolean(r.headers.authorization)}`)).toEqual(['k-frame-other 401 false']);
      await page.close();
    });

    it('lets the page read nothing it is shown, and sends the token nowhere else', async () => {
      const { sandbox, site } = harness();
      sandbox.clearLog();
      const url = `${site.origin}/secure.html`;
      const page = await harness().open(url);
      await expect.poll(() => page.evaluate(() => (document.getElementById('shown') as HTMLImageElement).naturalWidth, null), { timeout: 10_000 }).toBeGreaterThan(0);
      const canvas = await page.evaluate(() => {
        const c = document.createElement('canvas').getContext('2d')!;
        c.drawImage(document.getElementById('shown') as HTMLImageElement, 0, 0);
        try {
          c.getImageData(0, 0, 1, 1);
          return 'readable';
        } catch (e) {
          return (e as Error).name;
        }
      }, null);
      expect(canvas).toBe('SecurityError');
      // crossorigin="anonymous" would make it readable: it is not shown at all.
      await expect.poll(() => page.evaluate(() => (document.getElementById('cors') as HTMLImageElement).complete, null)).toBe(true);
      expect(await page.evaluate(() => (document.getElementById('cors') as HTMLImageElement).naturalWidth, null)).toBe(0);

      // The page's own requests for the same image, right after it was shown: no token, not from the cache.
      const image = `${sandbox.baseUrl}/images?key=k-src`;
      const own = await page.evaluate(async (u) => {
        const status = async (p: Promise<Response>) => p.then((r) => r.status, () => 'failed');
        const xhr = await new Promise((resolve) => {
          const x = new XMLHttpRequest();
          x.open('GET', u);
          x.onload = () => resolve(x.status);
          x.onerror = () => resolve('failed');
          x.send();
        });
        return [await status(fetch(u)), await status(fetch(u, { cache: 'force-cache' })), xhr];
      }, image);
      expect(own).toEqual([401, 401, 401]);

      // Opening the image (a link the page offers) and other paths and hosts carry no token.
      await page.evaluate((u) => {
        const a = document.createElement('a');
        a.href = u;
        a.target = '_blank';
        a.click();
      }, `${sandbox.baseUrl}/images?key=k-svg`);
      await expect.poll(() => gets(sandbox).some((r) => r.query.key === 'k-svg' && r.status === 401), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => sandbox.log.filter((r) => ['/rest/api/v1/uploadimage', '/rest/api/v2/images'].includes(r.path)).length, { timeout: 10_000 }).toBe(2);
      const elsewhere = sandbox.log.filter((r) => r.path !== '/rest/api/v1/images' || !r.query.key?.startsWith('k-') || r.headers.host?.startsWith('localhost'));
      expect(elsewhere.filter((r) => r.headers.authorization)).toEqual([]);
      // Only the page's images went with the token (those the kinds page showed come from the cache).
      const sent = gets(sandbox).filter((r) => r.headers.authorization).map((r) => r.query.key!);
      expect(sent).toContain('k-svg');
      expect(sent.filter((k) => !['k-src', 'k-inline', 'k-svg'].includes(k))).toEqual([]);

      // The SVG shows as an image, and its script never runs: not in the page, not opened alone.
      expect(await page.evaluate(() => (document.getElementById('svg') as HTMLImageElement).naturalWidth, null)).toBe(30);
      expect(sandbox.log.filter((r) => r.path.startsWith('/svg-ran'))).toEqual([]);
      await page.close();
    });

    it('says in the popup which images did not show, and why', async () => {
      const { sandbox, site } = harness();
      const url = `${site.origin}/secure.html?missing`;
      const page = await harness().open(url);
      await page.evaluate((u) => document.body.insertAdjacentHTML('beforeend', `<img id="missing" src="${u}">`), `${sandbox.baseUrl}/images?key=k-missing`);
      const report = async () => harness().ext<{ enabled: boolean; shown: number; problems: { url: string; error: { status?: number; message: string } }[] }>('tab.gleanImages', { tabId: await harness().tabId(url) });
      await expect.poll(async () => (await report()).problems.map((p) => [p.url.split('?')[1], p.error.status]), { timeout: 10_000 }).toContainEqual(['key=k-missing', 404]);
      const r = await report();
      expect(r.enabled).toBe(true);
      expect(r.shown).toBeGreaterThan(0);
      expect(r.problems.find((p) => p.url.endsWith('k-missing'))!.error.message).toMatch(/not found|404/i);
      expect(r.problems.some((p) => p.url.endsWith('key=k-src'))).toBe(false);
      await page.close();
    });

    it('gives a site that is not enabled no token, and leaves it alone', async () => {
      const { sandbox, otherOrigin } = harness();
      sandbox.clearLog();
      const page = await harness().open(`${otherOrigin}/kinds.html`);
      await ready(page);
      const before = await page.evaluate(snapshot, null);
      await expect.poll(() => gets(sandbox).filter((r) => r.query.key === 'k-src').length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(gets(sandbox).filter((r) => r.headers.authorization)).toEqual([]);
      expect(await page.evaluate(() => document.adoptedStyleSheets.length, null)).toBe(0);
      expect(await page.evaluate(snapshot, null)).toEqual(before);
      await page.close();
    });

    it('stops adding the token the moment the site is removed', async () => {
      const { sandbox, site } = harness();
      await harness().ext('sites.set', { site: 'http://127.0.0.1', enabled: false });
      sandbox.clearLog();
      const page = await harness().open(`${site.origin}/secure.html?removed`);
      // An image the browser has not cached (cached ones show until their max-age; see the README).
      await page.evaluate((u) => document.body.insertAdjacentHTML('beforeend', `<img src="${u}">`), `${sandbox.baseUrl}/images?key=k-after-removal`);
      await expect.poll(() => gets(sandbox).filter((r) => r.query.key === 'k-after-removal').length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(gets(sandbox).filter((r) => r.headers.authorization)).toEqual([]);
      await page.close();
      await harness().ext('sites.set', { site: 'http://127.0.0.1', enabled: true });
    });

    it('shows 300 images under a 30-per-second rate limit, retrying nothing while Retry-After runs', async () => {
      const { sandbox, site } = harness();
      sandbox.knobs.tokenBucket = { rate: 30, burst: 30 };
      sandbox.clearLog();
      const start = Date.now();
      const url = `${site.origin}/many.html`;
      const page = await harness().open(url);
      const shown = () => [...authorizedKeys(sandbox)].filter((k) => k.startsWith('m-')).length;
      await expect.poll(shown, { timeout: 20_000, interval: 250 }).toBe(300);
      const seconds = (Date.now() - start) / 1000;
      const limited = gets(sandbox).filter((r) => r.status === 429);
      console.info(`${browserName}: 300 images under 30/s shown in ${seconds.toFixed(1)} s; ${gets(sandbox).length} requests, ${limited.length} answered 429`);
      // The page asks for all 300 at once, and the browser queues what it asked for before the
      // first 429 reached the extension: those still go out. What the extension asks for itself,
      // an image again after its 429, never goes out while a Retry-After (here 1 s) runs.
      const log = gets(sandbox);
      const retries = log.filter((r, i) => log.slice(0, i).some((q) => q.query.key === r.query.key && q.status === 429));
      expect(retries.length).toBeGreaterThan(0);
      const during = retries.filter((r) => limited.some((q) => q.end! <= r.start && r.start < q.end! + 1000));
      expect(during.map((r) => `${r.query.key} at ${r.start - start} ms`)).toEqual([]);
      // And the popup has nothing left to explain.
      await expect.poll(async () => (await harness().ext<{ problems: unknown[] }>('tab.gleanImages', { tabId: await harness().tabId(url) })).problems.length, { timeout: 5_000 }).toBe(0);
      sandbox.knobs.tokenBucket = null;
      await page.close();
    });

    it('shows no Glean image after the token is forgotten, not even from the cache', async () => {
      const { sandbox, site } = harness();
      const url = `${site.origin}/kinds.html`;
      const page = await harness().open(url);
      await ready(page);
      await expect.poll(() => page.evaluate(kindsShown, KIND_IMGS), { timeout: 15_000 }).toMatchObject({ src: true });
      await page.close();
      await harness().ext('token.forget', null);
      sandbox.clearLog();
      const again = await harness().open(url);
      await ready(again);
      await expect.poll(() => again.evaluate(() => (document.getElementById('src') as HTMLImageElement).complete, null)).toBe(true);
      const after = await again.evaluate(kindsShown, KIND_IMGS);
      console.info(browserName, 'after forgetting the token', JSON.stringify(after));
      expect(Object.entries(after).filter(([, shown]) => shown)).toEqual([]);
      expect(gets(sandbox).filter((r) => r.headers.authorization || r.status === 200)).toEqual([]);
      await again.close();
    });
  });
}
