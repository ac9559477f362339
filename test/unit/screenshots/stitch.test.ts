import { describe, expect, it } from 'vitest';
import { bandOf, fitScale, nextScroll, reachesEnd, rescrollTarget, type Band, type Screen } from '../../../src/screenshots/stitch';

/**
 * Simulates the capture loop of screenshot-capture.ts on a page: the browser clamps scrolling at
 * the end, a header (`top`) and footer (`bottom`) stay on screen. Returns each screen's band.
 */
function stitchPage(pageHeight: number, viewportHeight: number, inset: (scrollY: number) => { top: number; bottom: number }): Band[] {
  const bands: Band[] = [];
  let covered = 0;
  let target = 0;
  let previous: Screen | undefined;
  for (let i = 0; i < 100; i++) {
    const scrollTo = (y: number) => Math.max(0, Math.min(y, pageHeight - viewportHeight));
    let scrollY = scrollTo(target);
    let screen: Screen = { scrollY, ...inset(scrollY) };
    const again = previous ? rescrollTarget(screen, covered) : null;
    if (again !== null) {
      scrollY = scrollTo(again);
      screen = { scrollY, ...inset(scrollY) };
    }
    const last = (previous !== undefined && scrollY <= previous.scrollY) || reachesEnd(scrollY, viewportHeight, pageHeight);
    const band = bandOf(screen, covered, viewportHeight, pageHeight, previous === undefined, last);
    if (band) {
      bands.push(band);
      covered = band.destY + band.height;
    }
    if (last) break;
    previous = screen;
    target = nextScroll(covered, screen);
  }
  return bands;
}

/** Every page row is drawn exactly once, in order. */
function expectEachRowOnce(bands: Band[], pageHeight: number) {
  let next = 0;
  for (const b of bands) {
    expect(b.destY).toBe(next);
    expect(b.height).toBeGreaterThan(0);
    next = b.destY + b.height;
  }
  expect(next).toBe(pageHeight);
}

describe('stitching a whole page', () => {
  it('takes a page of exactly 5 screens in 5 bands, one a screen, without overlap', () => {
    const bands = stitchPage(4000, 800, () => ({ top: 0, bottom: 0 }));
    expect(bands).toEqual([0, 800, 1600, 2400, 3200].map((y) => ({ srcY: 0, destY: y, height: 800 })));
  });

  it('takes only the new rows of the last, partial screen (the browser scrolls it back to overlap)', () => {
    const bands = stitchPage(2000, 800, () => ({ top: 0, bottom: 0 }));
    expectEachRowOnce(bands, 2000);
    // The last screen is scrolled to 1200 (the end), but rows 1200-1600 were drawn already.
    expect(bands.at(-1)).toEqual({ srcY: 400, destY: 1600, height: 400 });
  });

  it('shows a sticky header once: later screens start below it and scroll less to make up', () => {
    // A 60 px header stuck to the top from the first scroll on.
    const bands = stitchPage(3000, 800, (y) => ({ top: y > 0 ? 60 : 0, bottom: 0 }));
    expectEachRowOnce(bands, 3000);
    expect(bands[0]).toEqual({ srcY: 0, destY: 0, height: 800 });
    for (const band of bands.slice(1)) expect(band.srcY).toBeGreaterThanOrEqual(60);
  });

  it('shows a fixed footer once, on the last screen', () => {
    const bands = stitchPage(2500, 800, () => ({ top: 50, bottom: 40 }));
    expectEachRowOnce(bands, 2500);
    for (const band of bands.slice(0, -1)) expect(band.srcY + band.height).toBeLessThanOrEqual(800 - 40);
    const last = bands.at(-1)!;
    expect(last.srcY + last.height).toBe(800); // the footer's rows, at the page's end
  });

  it('stops on a page shorter than its viewport after one screen', () => {
    expect(stitchPage(500, 800, () => ({ top: 0, bottom: 0 }))).toEqual([{ srcY: 0, destY: 0, height: 500 }]);
  });

  it('scales very tall pages below the canvas limits, and leaves others alone', () => {
    expect(fitScale(1280, 8000)).toBe(1);
    const scale = fitScale(2560, 200_000);
    expect(200_000 * scale).toBeLessThanOrEqual(32_000);
    expect(2560 * 200_000 * scale * scale).toBeLessThanOrEqual(200_000_000);
  });
});
