/**
 * Captures waiting for the editor window, in the background's memory only: the window asks for
 * its capture as it opens. A background that stopped in between lost it, and the window says so.
 */
import type { Rect } from '../screenshots/geometry';

export interface KeptCapture {
  blob: Blob;
  crop?: Rect;
  note?: string;
  tabId: number;
  pageUrl?: string;
}

/** A few at most: an editor window left open does not hold every capture ever taken. */
const MAX_KEPT = 4;
const kept = new Map<string, KeptCapture>();

/** Keeps a capture and returns its id. */
export function keepCapture(capture: KeptCapture): string {
  const id = crypto.randomUUID();
  kept.set(id, capture);
  while (kept.size > MAX_KEPT) kept.delete(kept.keys().next().value!);
  return id;
}

/** The capture with this id, if the background still has it. */
export function keptCapture(id: string): KeptCapture | undefined {
  return kept.get(id);
}
