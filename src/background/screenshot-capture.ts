/**
 * Taking the pictures: the visible area (tabs.captureVisibleTab), and the whole page, in Firefox
 * with one capture of the page's rectangle, in Chrome by scrolling and stitching (stitch.ts) no
 * faster than its two captures a second. Needs the activeTab grant the click, menu or shortcut gave.
 */
import { browser } from 'wxt/browser';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import { measurePage, restoreScroll, scrollAndMeasure, type PageMetrics } from '../screenshots/page-metrics';
import { bandOf, fitScale, nextScroll, reachesEnd, rescrollTarget, type Screen } from '../screenshots/stitch';

/** A capture as the editor gets it. `note` says in words what was done to fit it (scaled). */
export interface Capture {
  blob: Blob;
  note?: string;
}

/** Chrome allows two captureVisibleTab calls a second per extension; a little more than 500 ms apart is safe. */
const CAPTURE_SPACING_MS = 520;
let lastCapture = 0;

function cannotCapture(): GleanError {
  return new GleanError('invalid-input', t('shot_cannotCapture'));
}

/** The visible area of the window's active tab, as PNG. */
export async function captureVisible(windowId: number, details: Record<string, unknown> = {}): Promise<Blob> {
  const wait = lastCapture + CAPTURE_SPACING_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastCapture = Date.now();
  const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png', ...details } as { format: 'png' }).catch(() => {
    throw cannotCapture();
  });
  return (await fetch(dataUrl)).blob();
}

/** Runs one of page-metrics.ts's functions in the tab's top frame. */
export async function inPage<A extends unknown[], R>(tabId: number, func: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
  const closed = () => new GleanError('invalid-input', t('shot_pageClosedToExtensions'));
  const [injection] = await browser.scripting.executeScript({ target: { tabId }, func: func as unknown as () => void, args } as Parameters<typeof browser.scripting.executeScript>[0]).catch(() => {
    throw closed();
  });
  // Firefox may answer for its own pages without having run the function.
  if (injection?.result === undefined) throw closed();
  return injection.result as Awaited<R>;
}

function scaledNote(m: PageMetrics, scale: number): string | undefined {
  return scale < 1 ? t('shot_scaledDown', Math.round(m.pageHeight), Math.round(scale * 100)) : undefined;
}

/**
 * Firefox: the whole page in one capture of its rectangle, scaled to stay below canvas limits.
 * Taken from the top, so fixed and sticky elements are drawn where they sit on the first screen.
 */
async function captureRect(tabId: number, windowId: number, m: PageMetrics): Promise<Capture> {
  const fit = fitScale(m.pageWidth * m.devicePixelRatio, m.pageHeight * m.devicePixelRatio);
  await inPage(tabId, scrollAndMeasure, 0, 0);
  let blob: Blob;
  try {
    blob = await captureVisible(windowId, { rect: { x: 0, y: 0, width: m.pageWidth, height: m.pageHeight }, scale: m.devicePixelRatio * fit });
  } finally {
    await inPage(tabId, restoreScroll, m.scrollX, m.scrollY).catch(() => undefined);
  }
  const note = scaledNote(m, fit);
  return note ? { blob, note } : { blob };
}

/** Chrome: scroll a screen at a time, keep each row of the page once, put the scroll back. */
async function stitch(tabId: number, windowId: number, m: PageMetrics): Promise<Capture> {
  let canvas: OffscreenCanvas | undefined;
  let scale = 1;
  let fit = 1;
  let covered = 0;
  let target = 0;
  let previous: Screen | undefined;
  try {
    for (;;) {
      let screen = await inPage(tabId, scrollAndMeasure, m.scrollX, target);
      const again = previous ? rescrollTarget(screen, covered) : null;
      if (again !== null) screen = await inPage(tabId, scrollAndMeasure, m.scrollX, again);
      // The page ended sooner than measured (it shrank), or scrolling no longer moves it.
      const stuck = previous !== undefined && screen.scrollY <= previous.scrollY;
      const last = stuck || reachesEnd(screen.scrollY, m.viewportHeight, m.pageHeight);
      const bitmap = await createImageBitmap(await captureVisible(windowId));
      if (!canvas) {
        const deviceScale = bitmap.width / m.viewportWidth;
        fit = fitScale(bitmap.width, m.pageHeight * deviceScale);
        scale = deviceScale * fit;
        canvas = new OffscreenCanvas(Math.round(m.viewportWidth * scale), Math.round(m.pageHeight * scale));
      }
      const band = bandOf(screen, covered, m.viewportHeight, m.pageHeight, previous === undefined, last);
      if (band) {
        const k = bitmap.width / m.viewportWidth;
        canvas.getContext('2d')!.drawImage(bitmap, 0, band.srcY * k, bitmap.width, band.height * k, 0, Math.round(band.destY * scale), canvas.width, Math.round(band.height * scale));
        covered = band.destY + band.height;
      }
      bitmap.close();
      if (last) break;
      previous = screen;
      target = nextScroll(covered, screen);
    }
  } finally {
    await inPage(tabId, restoreScroll, m.scrollX, m.scrollY).catch(() => undefined);
  }
  const blob = await canvas!.convertToBlob({ type: 'image/png' });
  const note = scaledNote(m, fit);
  return note ? { blob, note } : { blob };
}

/** The whole page, by the way this browser allows. */
export async function capturePage(tabId: number, windowId: number): Promise<Capture> {
  const m = await inPage(tabId, measurePage);
  if (import.meta.env.BROWSER === 'firefox') return captureRect(tabId, windowId, m);
  return stitch(tabId, windowId, m);
}
