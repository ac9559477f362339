import { describe, expect, it } from 'vitest';
import { parseSvgLength, svgSize } from '../../../src/images/svg-size';

const svg = (attrs: string) => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" ${attrs}><rect/></svg>`;

describe('svgSize', () => {
  it('uses width and height', () => {
    expect(svgSize(svg('width="120" height="80px"'))).toMatchObject({ width: 120, height: 80 });
  });

  it('converts units to CSS pixels', () => {
    expect(svgSize(svg('width="1in" height="72pt"'))).toMatchObject({ width: 96, height: 96 });
    expect(svgSize(svg("width='2.54cm' height='10mm'"))).toMatchObject({ width: 96, height: 38 });
  });

  it('falls back to the viewBox, and fills a missing side from its aspect ratio', () => {
    expect(svgSize(svg('viewBox="0 0 640 480"'))).toMatchObject({ width: 640, height: 480 });
    expect(svgSize(svg('viewBox="0,0,640,480" width="320"'))).toMatchObject({ width: 320, height: 240 });
    expect(svgSize(svg('viewBox="-10 -10 100 50" height="100"'))).toMatchObject({ width: 200, height: 100 });
  });

  it('ignores percentages, and uses 300 x 150 when nothing gives a size', () => {
    expect(svgSize(svg('width="100%" height="100%" viewBox="0 0 50 40"'))).toMatchObject({ width: 50, height: 40 });
    expect(svgSize(svg(''))).toMatchObject({ width: 300, height: 150 });
  });

  it('caps the longer side at maxSize keeping the aspect ratio, and keeps the natural size', () => {
    expect(svgSize(svg('width="8000" height="2000"'), 2048)).toEqual({ width: 2048, height: 512, naturalWidth: 8000, naturalHeight: 2000 });
    expect(svgSize(svg('viewBox="0 0 1000 3000"'), 300)).toMatchObject({ width: 100, height: 300 });
  });

  it('reads the root element, not an <svg> in a comment, and allows a namespace prefix', () => {
    expect(svgSize(`<!-- <svg width="1" height="1"> --><svg width="30" height="20"/>`)).toMatchObject({ width: 30, height: 20 });
    expect(svgSize(`<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="7" height="9"/>`)).toMatchObject({ width: 7, height: 9 });
  });
});

describe('parseSvgLength', () => {
  it.each([
    ['12', 12],
    [' 1.5e1px ', 15],
    ['3pc', 48],
    ['2em', 32],
    ['50%', undefined],
    ['auto', undefined],
    ['-5', undefined],
    ['0', undefined],
    ['12furlongs', undefined],
  ])('%s -> %s', (value, px) => {
    expect(parseSvgLength(value)).toBe(px);
  });
});
