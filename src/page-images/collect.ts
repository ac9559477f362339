/**
 * Lists the images a page shows. Passed to `scripting.executeScript({ func })`, so it must stay
 * self-contained: no imports, no closures, only what it declares inside.
 */
import type { PageImage } from './types';

/** Collects displayed images: <img> (the candidate actually shown), <picture>, CSS backgrounds. */
export function collectPageImages(): Omit<PageImage, 'frameId'>[] {
  const found = new Map<string, Omit<PageImage, 'frameId'>>();
  const add = (src: string, kind: PageImage['kind'], w: number, h: number, alt: string) => {
    if (!src || src.startsWith('about:')) return;
    const prev = found.get(src);
    if (!prev || prev.naturalWidth * prev.naturalHeight < w * h) found.set(src, { src, kind, naturalWidth: w, naturalHeight: h, alt });
  };
  for (const img of Array.from(document.images)) {
    // currentSrc is the srcset/<picture> candidate the browser chose, and the lazy-loaded one once loaded.
    const src = img.currentSrc || img.src;
    if (!img.complete || img.naturalWidth === 0) continue;
    const kind = img.parentElement instanceof HTMLPictureElement ? 'picture' : img.srcset ? 'srcset' : 'img';
    add(src, kind, img.naturalWidth, img.naturalHeight, img.alt);
  }
  const urlPattern = /url\(\s*(['"]?)(.*?)\1\s*\)/g;
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    const bg = getComputedStyle(el).backgroundImage;
    if (!bg || bg === 'none' || !bg.includes('url(')) continue;
    for (const match of bg.matchAll(urlPattern)) {
      const rect = el.getBoundingClientRect();
      add(new URL(match[2]!, document.baseURI).href, 'background', Math.round(rect.width), Math.round(rect.height), el.getAttribute('aria-label') ?? '');
    }
  }
  return [...found.values()];
}
