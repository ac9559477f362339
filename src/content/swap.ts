/**
 * The page-visible side: writes local URLs into elements, keeps the page's own values in data
 * attributes, marks the state (pending, shown, failed) and puts everything back when asked.
 */
import type { Slot } from './slots';

const ORIGINAL: Record<Slot['attr'], string> = {
  src: 'data-glean-original-src',
  srcset: 'data-glean-original-srcset',
  background: 'data-glean-original-background',
};
const STATE = 'data-glean-state';

/** An element's current value for a slot. */
export function readSlot(el: Element, attr: Slot['attr']): string {
  if (attr === 'background') return (el as HTMLElement).style?.backgroundImage ?? '';
  return el.getAttribute(attr) ?? '';
}

/** Writes a slot's value and returns it as the element reads it back (CSS may reserialise). */
export function writeSlot(el: Element, slot: Slot, value: string): string {
  // Nothing to keep for a keyed element that named no image of its own.
  if (slot.original && !el.hasAttribute(ORIGINAL[slot.attr])) el.setAttribute(ORIGINAL[slot.attr], slot.original);
  if (slot.attr === 'background') (el as HTMLElement).style.backgroundImage = value;
  else el.setAttribute(slot.attr, value);
  return readSlot(el, slot.attr);
}

/** Puts the page's own value back (only where ours is still there) and drops our marks. */
export function restoreSlot(el: Element, slot: Slot, written: string | undefined): void {
  if (written !== undefined && readSlot(el, slot.attr) === written) {
    if (slot.attr === 'background') {
      (el as HTMLElement).style.backgroundImage = slot.original;
      if (el.getAttribute('style') === '') el.removeAttribute('style'); // it had none before us
    }
    // A keyed <img> had no src at all (an empty one is dropped alike: both show nothing).
    else if (slot.original === '') el.removeAttribute(slot.attr);
    else el.setAttribute(slot.attr, slot.original);
  }
  el.removeAttribute(ORIGINAL[slot.attr]);
}

/** Marks an element's state; a failure also says why in its title (the page's title is kept). */
export function mark(el: Element, state: 'pending' | 'shown' | 'failed', title?: string): void {
  el.setAttribute(STATE, state);
  if (state === 'failed' && title) {
    if (!el.hasAttribute('data-glean-original-title')) el.setAttribute('data-glean-original-title', el.getAttribute('title') ?? '');
    el.setAttribute('title', title);
  } else unmarkTitle(el);
}

function unmarkTitle(el: Element): void {
  const original = el.getAttribute('data-glean-original-title');
  if (original === null) return;
  if (original) el.setAttribute('title', original);
  else el.removeAttribute('title');
  el.removeAttribute('data-glean-original-title');
}

/** Drops every mark of ours from an element. */
export function unmark(el: Element): void {
  el.removeAttribute(STATE);
  unmarkTitle(el);
}
