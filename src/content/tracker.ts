/**
 * The elements that hold references, and what each shows: an element is applied once every image
 * it names has an answer, and let go (its own values put back, its local URLs released) when it
 * leaves the page or the page rewrites what it names.
 */
import type { ErrorInfo } from '../messaging/protocol';
import type { LocalUrls } from './local-urls';
import type { Outcome } from './resolve-queue';
import { failureTitle } from './retry';
import { refsOf, render, slotsOf, type PageRefs, type RefPiece, type Slot } from './slots';
import { mark, readSlot, restoreSlot, unmark, writeSlot } from './swap';

interface Tracked {
  slots: Slot[];
  refs: RefPiece[];
  key: string | null;
  target: Element;
  written: Map<Slot['attr'], string>;
}

/** Where to watch an element's nearness to the viewport: a <source> has no box, its <img> has. */
function targetOf(el: Element): Element {
  return el.localName === 'source' ? (el.closest('picture')?.querySelector('img') ?? el.parentElement ?? el) : el;
}

function add<K>(map: Map<K, Set<Element>>, key: K, el: Element): void {
  const set = map.get(key);
  if (set) set.add(el);
  else map.set(key, new Set([el]));
}

/** Removes `el` under `key`; true when nobody is left there. */
function remove<K>(map: Map<K, Set<Element>>, key: K, el: Element): boolean {
  const set = map.get(key);
  set?.delete(el);
  if (set?.size !== 0) return false;
  map.delete(key);
  return true;
}

/** Element bookkeeping for one page. `quiet` runs our own DOM writes unseen by our observer. */
export class Tracker {
  private readonly elements = new Map<Element, Tracked>();
  private readonly users = new Map<string, Set<Element>>();
  private readonly byTarget = new Map<Element, Set<Element>>();
  /** Images that failed, with why; kept so new elements naming them fail at once. */
  readonly failures = new Map<string, { error: ErrorInfo; ref: RefPiece['ref'] }>();

  constructor(
    private readonly urls: LocalUrls,
    private readonly quiet: (write: () => void) => void,
  ) {}

  /** Reads an element (again); returns its watch target when it waits for images, else null. */
  update(el: Element, page: PageRefs): Element | null {
    const prev = this.elements.get(el);
    if (prev && !this.changed(el, prev)) return null;
    if (prev) this.drop(el);
    const slots = slotsOf(el, page);
    if (!slots.length) return null;
    const t: Tracked = { slots, refs: refsOf(slots), key: el.getAttribute('data-glean-image-key'), target: targetOf(el), written: new Map() };
    this.elements.set(el, t);
    for (const r of t.refs) add(this.users, r.id, el);
    add(this.byTarget, t.target, el);
    if (this.unsettled(el).length === 0) {
      this.apply(el);
      return null;
    }
    this.quiet(() => mark(el, 'pending'));
    return t.target;
  }

  /** The images an element still waits for. */
  unsettled(el: Element): RefPiece[] {
    return (this.elements.get(el)?.refs ?? []).filter((r) => !this.urls.get(r.id) && !this.failures.has(r.id));
  }

  /** The tracked elements watched through `target`. */
  watchedBy(target: Element): Element[] {
    return [...(this.byTarget.get(target) ?? [])];
  }

  /** Takes an answer for one image and applies every element that now has all of its answers. */
  result(id: string, outcome: Outcome, ref: RefPiece['ref']): void {
    const users = [...(this.users.get(id) ?? [])];
    if (outcome.ok) {
      this.failures.delete(id);
      // Nobody names it any more (the elements left while it was on its way): no URL to make.
      if (users.length) this.urls.create(id, outcome.bytes, outcome.contentType);
    } else this.failures.set(id, { error: outcome.error, ref });
    for (const el of users) if (this.unsettled(el).length === 0) this.apply(el);
  }

  /** Forgets a failure so the image is asked for again; returns whether anyone still names it. */
  forgetFailure(id: string): boolean {
    this.failures.delete(id);
    return (this.users.get(id)?.size ?? 0) > 0;
  }

  /** Lets go of elements that left the page. */
  sweep(): void {
    for (const el of [...this.elements.keys()]) if (!el.isConnected) this.drop(el);
  }

  /** Lets go of every element (the content script is going away). */
  clear(): void {
    for (const el of [...this.elements.keys()]) this.drop(el);
  }

  /** Whether this element is tracked. */
  has(el: Element): boolean {
    return this.elements.has(el);
  }

  /** Whether any element is tracked. */
  get size(): number {
    return this.elements.size;
  }

  private changed(el: Element, t: Tracked): boolean {
    if (el.getAttribute('data-glean-image-key') !== t.key) return true;
    return t.slots.some((s) => readSlot(el, s.attr) !== (t.written.get(s.attr) ?? s.original));
  }

  private apply(el: Element): void {
    const t = this.elements.get(el)!;
    const errors = t.refs.flatMap((r) => this.failures.get(r.id)?.error ?? []);
    this.quiet(() => {
      for (const slot of t.slots) {
        const shows = slot.pieces.some((p) => typeof p !== 'string' && this.urls.get(p.id));
        if (shows) t.written.set(slot.attr, writeSlot(el, slot, render(slot, (id) => this.urls.get(id))));
        else if (t.written.has(slot.attr)) {
          restoreSlot(el, slot, t.written.get(slot.attr));
          t.written.delete(slot.attr);
        }
      }
      mark(el, errors.length ? 'failed' : 'shown', errors.length ? failureTitle(errors) : undefined);
    });
  }

  private drop(el: Element): void {
    const t = this.elements.get(el)!;
    this.elements.delete(el);
    remove(this.byTarget, t.target, el);
    this.quiet(() => {
      for (const slot of t.slots) restoreSlot(el, slot, t.written.get(slot.attr));
      unmark(el);
    });
    // The last element naming an image takes its local URL with it.
    for (const r of t.refs) if (remove(this.users, r.id, el)) this.urls.drop(r.id);
  }
}
