/**
 * Functions the background runs in the page with scripting.executeScript (so each is
 * self-contained: no imports, no closures). They read sizes and scroll; they never write to the
 * page's DOM.
 */

/** The page's sizes and scroll position, in CSS pixels. */
export interface PageMetrics {
  scrollX: number;
  scrollY: number;
  /** The viewport (window.innerWidth/innerHeight): what captureVisibleTab shows. */
  viewportWidth: number;
  viewportHeight: number;
  /** The whole document. */
  pageWidth: number;
  pageHeight: number;
  devicePixelRatio: number;
}

/** Measures the page where it is now. */
export function measurePage(): PageMetrics {
  const root = document.documentElement;
  const body = document.body;
  return {
    scrollX: window.scrollX,
    scrollY: window.scrollY,
    viewportWidth: window.innerWidth,
    viewportHeight: window.innerHeight,
    pageWidth: Math.max(root.clientWidth, root.scrollWidth, body?.scrollWidth ?? 0),
    pageHeight: Math.max(root.scrollHeight, body?.scrollHeight ?? 0, window.innerHeight),
    devicePixelRatio: window.devicePixelRatio,
  };
}

/**
 * Scrolls to (x, y) at once (not smoothly, whatever the page's CSS says), waits for two frames so
 * the screen shows it, and tells where it landed and how tall the header and footer that stay on
 * screen are (fixed or stuck elements, at least half the viewport wide, touching its top or bottom).
 */
export function scrollAndMeasure(x: number, y: number): Promise<{ scrollY: number; top: number; bottom: number }> {
  window.scrollTo({ left: x, top: y, behavior: 'instant' });
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const vw = window.innerWidth;
        const vh = window.innerHeight;
        let top = 0;
        let bottom = 0;
        for (const el of document.querySelectorAll('body *')) {
          const position = getComputedStyle(el).position;
          if (position !== 'fixed' && position !== 'sticky') continue;
          const r = el.getBoundingClientRect();
          if (r.width < vw / 2 || r.height <= 0 || r.height > vh / 2) continue;
          if (r.top <= 0.5 && r.bottom > 0) top = Math.max(top, r.bottom);
          else if (r.bottom >= vh - 0.5 && r.top < vh) bottom = Math.max(bottom, vh - r.top);
        }
        resolve({ scrollY: window.scrollY, top: Math.ceil(top), bottom: Math.ceil(bottom) });
      }),
    );
  });
}

/** Puts the scroll position back where the person left it; true once done (an answer, not undefined). */
export function restoreScroll(x: number, y: number): boolean {
  window.scrollTo({ left: x, top: y, behavior: 'instant' });
  return true;
}
