import { describe, expect, it } from 'vitest';
import { captureScale, clampRect, rectBetween, regionInCapture } from '../../../src/screenshots/geometry';

// A capture is the viewport in device pixels: CSS width x devicePixelRatio, where the page's zoom is
// already part of devicePixelRatio (and of the CSS viewport, which shrinks as zoom grows).
function captureOf(screenCssWidth: number, screenCssHeight: number, dpr: number, zoom: number) {
  const viewport = { width: screenCssWidth / zoom, height: screenCssHeight / zoom };
  const image = { width: Math.round(screenCssWidth * dpr), height: Math.round(screenCssHeight * dpr) };
  return { viewport, image, pixelsPerCss: dpr * zoom };
}

describe('region geometry', () => {
  for (const dpr of [1, 1.5, 2]) {
    for (const zoom of [1, 0.67, 1.5]) {
      it(`maps a selection to the capture's pixels at devicePixelRatio ${dpr}, zoom ${zoom * 100} %`, () => {
        const { viewport, image, pixelsPerCss } = captureOf(1200, 800, dpr, zoom);
        const selection = { x: 100, y: 50, width: 200, height: 120 };
        const r = regionInCapture(selection, viewport, image);
        expect(captureScale(image.width, viewport)).toBeCloseTo(pixelsPerCss, 2);
        expect(r.x).toBe(Math.round(100 * pixelsPerCss));
        expect(r.y).toBe(Math.round(50 * pixelsPerCss));
        expect(Math.abs(r.width - 200 * pixelsPerCss)).toBeLessThanOrEqual(1);
        expect(Math.abs(r.height - 120 * pixelsPerCss)).toBeLessThanOrEqual(1);
      });
    }
  }

  it('is about the viewport, whatever the page is scrolled to: the selection is in viewport coordinates', () => {
    // A page scrolled 5,000 px down: the overlay is position: fixed, so what the person drags is
    // measured from the viewport's corner, as is the capture.
    const r = regionInCapture({ x: 10, y: 700, width: 50, height: 100 }, { width: 1000, height: 800 }, { width: 2000, height: 1600 });
    expect(r).toEqual({ x: 20, y: 1400, width: 100, height: 200 });
  });

  it('keeps a selection that runs past the edge inside the picture', () => {
    expect(regionInCapture({ x: 900, y: -20, width: 300, height: 100 }, { width: 1000, height: 800 }, { width: 1500, height: 1200 })).toEqual({ x: 1350, y: 0, width: 150, height: 120 });
  });

  it('makes a rectangle from corners dragged in any direction, and clamps one to bounds', () => {
    expect(rectBetween({ x: 50, y: 40 }, { x: 10, y: 90 })).toEqual({ x: 10, y: 40, width: 40, height: 50 });
    expect(clampRect({ x: -5, y: 10, width: 500, height: 20.4 }, { width: 100, height: 100 })).toEqual({ x: 0, y: 10, width: 100, height: 20 });
  });
});
