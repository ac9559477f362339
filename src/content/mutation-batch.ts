/**
 * Collects what a page changes (elements added, watched attributes changed, elements removed) and
 * hands it over in one go when the page is idle, so a busy page costs one pass, not one per change.
 */

/** What changed since the last hand-over. */
export interface Changes {
  added: Set<Element>;
  changed: Set<Element>;
  removed: boolean;
}

/** Batches MutationObserver records; `schedule` runs the hand-over later (requestIdleCallback). */
export class MutationBatch {
  private pending: Changes = { added: new Set(), changed: new Set(), removed: false };
  private scheduled = false;

  constructor(
    private readonly schedule: (run: () => void) => void,
    private readonly handOver: (changes: Changes) => void,
  ) {}

  /** Takes records from the observer (or from takeRecords). */
  take(records: MutationRecord[]): void {
    const p = this.pending;
    for (const r of records) {
      if (r.type === 'attributes') p.changed.add(r.target as Element);
      else {
        for (const n of r.addedNodes) if (n.nodeType === 1) p.added.add(n as Element);
        if (r.removedNodes.length) p.removed = true;
      }
    }
    if (this.scheduled || (!p.added.size && !p.changed.size && !p.removed)) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const changes = this.pending;
      this.pending = { added: new Set(), changed: new Set(), removed: false };
      this.handOver(changes);
    });
  }
}
