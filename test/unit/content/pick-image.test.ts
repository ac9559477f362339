// @vitest-environment happy-dom
/**
 * Chrome's "click the picture" step answers only the person's own input. Before, a page script
 * could cancel it with a synthetic Escape, or end it with a synthetic click at a point of its
 * choosing; now both are ignored (isTrusted) and the step waits for the person.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { findImage } from '../../../src/content/pick-image';
import { hideToast } from '../../../src/content/toast';

const picker = () => document.querySelector('glean-images-picker');
/** An event as the browser makes it for real input; happy-dom, like a page script, cannot otherwise. */
const trusted = <E extends Event>(e: E): E => Object.defineProperty(e, 'isTrusted', { value: true });

/** Starts the step and returns the picker's layer from its closed root (which only we can reach). */
function startPicking() {
  const attach = vi.spyOn(Element.prototype, 'attachShadow');
  const reply = findImage();
  const root = attach.mock.results.find((r) => r.type === 'return' && (r.value as ShadowRoot).host.localName === 'glean-images-picker')!.value as ShadowRoot;
  return { reply, layer: root.querySelector('.pick')! };
}

afterEach(() => {
  picker()?.remove();
  hideToast();
});

describe('the picture-picking step', () => {
  it('ignores a synthetic Escape, and is cancelled by a real one', async () => {
    const step = startPicking();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(picker()).not.toBeNull();
    window.dispatchEvent(trusted(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(await step.reply).toEqual({ ok: false, cancelled: true });
    expect(picker()).toBeNull();
  });

  it('ignores a synthetic click on its layer, and takes a real one', async () => {
    const shown = Object.assign(document.createElement('img'), { src: 'https://page.example/seen.png' });
    shown.getBoundingClientRect = () => ({ width: 100, height: 100 }) as DOMRect;
    document.body.append(shown);
    document.elementsFromPoint = () => [shown, document.body];
    const step = startPicking();
    step.layer.dispatchEvent(new MouseEvent('click', { clientX: 5, clientY: 5, bubbles: true }));
    expect(picker()).not.toBeNull();
    step.layer.dispatchEvent(trusted(new MouseEvent('click', { clientX: 5, clientY: 5, bubbles: true })));
    expect(await step.reply).toEqual({ ok: true, src: 'https://page.example/seen.png' });
  });
});

describe("Firefox's right-clicked element", () => {
  it('looks through an invisible layer over the picture to the one the person saw', async () => {
    const box = () => ({ left: 0, top: 0, width: 100, height: 100 }) as DOMRect;
    const seen = Object.assign(document.createElement('img'), { src: 'https://page.example/seen.png' });
    const decoy = Object.assign(document.createElement('img'), { src: 'https://page.example/decoy.png' });
    decoy.style.opacity = '0';
    seen.getBoundingClientRect = box;
    decoy.getBoundingClientRect = box;
    document.body.append(seen, decoy);
    document.elementsFromPoint = () => [decoy, seen, document.body];
    const menus = { getTargetElement: (id: number) => (id === 7 ? decoy : null) };
    Object.defineProperty(browser, 'menus', { value: menus, configurable: true });
    try {
      expect(await findImage(7)).toEqual({ ok: true, src: 'https://page.example/seen.png' });
      decoy.style.opacity = '1'; // a visible target is taken as it is
      expect(await findImage(7)).toEqual({ ok: true, src: 'https://page.example/decoy.png' });
    } finally {
      Reflect.deleteProperty(browser, 'menus');
      seen.remove();
      decoy.remove();
    }
  });
});
