// @vitest-environment happy-dom
/**
 * "Click the picture" (Chrome's background-image upload) takes the topmost picture the person can
 * see. Before, it took the first image under the pointer, so a page could lay an invisible image
 * over the one shown and have the person upload a picture they never saw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { imageAtPoint, isVisible } from '../../../src/content/image-at';

/** An <img> of `src`, laid out as `width` × `height` (happy-dom does no layout), with `style`. */
function img(src: string, style = '', width = 200, height = 150, parent: Element = document.body): HTMLImageElement {
  const el = Object.assign(document.createElement('img'), { src: `https://page.example/${src}.png` });
  el.setAttribute('style', style);
  el.getBoundingClientRect = () => ({ x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, width, height, toJSON: () => ({}) }) as DOMRect;
  parent.append(el);
  return el;
}
/** The elements the browser's hit test reports at the point, topmost first. */
function stack(...els: Element[]): void {
  document.elementsFromPoint = () => [...els, document.body, document.documentElement];
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('imageAtPoint', () => {
  it('takes the topmost visible image', () => {
    stack(img('top'), img('below'));
    expect(imageAtPoint(10, 10)).toBe('https://page.example/top.png');
  });

  it.each([
    ['opacity 0', 'opacity: 0'],
    ['opacity 0.05', 'opacity: 0.05'],
    ['visibility hidden', 'visibility: hidden'],
    ['clip rect(0 0 0 0)', 'position: absolute; clip: rect(0px, 0px, 0px, 0px)'],
  ])('looks through an overlay with %s to the picture the person sees', (_what, style) => {
    stack(img('decoy', style), img('seen'));
    expect(imageAtPoint(10, 10)).toBe('https://page.example/seen.png');
  });

  it('looks through a 1-pixel overlay', () => {
    stack(img('decoy', '', 1, 1), img('seen'));
    expect(imageAtPoint(10, 10)).toBe('https://page.example/seen.png');
  });

  it('looks through an image made transparent by its ancestors together', () => {
    const outer = Object.assign(document.createElement('div'), {});
    outer.setAttribute('style', 'opacity: 0.3');
    document.body.append(outer);
    const inner = document.createElement('div');
    inner.setAttribute('style', 'opacity: 0.3');
    outer.append(inner);
    stack(img('decoy', '', 200, 150, inner), img('seen'));
    expect(imageAtPoint(10, 10)).toBe('https://page.example/seen.png');
  });

  it('returns nothing when only invisible images are there', () => {
    stack(img('decoy', 'opacity: 0'));
    expect(imageAtPoint(10, 10)).toBeNull();
  });
});

describe('isVisible', () => {
  it('accepts a normal, half-transparent or clip-free image', () => {
    expect(isVisible(img('a'))).toBe(true);
    expect(isVisible(img('b', 'opacity: 0.5'))).toBe(true);
    expect(isVisible(img('c', 'position: absolute; clip: rect(0px, 100px, 100px, 0px)'))).toBe(true);
  });
});
