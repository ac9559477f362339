/**
 * Asks the background for images in batches: each image once (by id), what is near the viewport
 * first, a few batches in flight so the background's fetches never run dry between them.
 */
import type { ImageQuery } from '../glean/types';
import { t } from '../i18n/t';
import { LIMITS, type ErrorInfo, type ResolvedImage } from '../messaging/protocol';

/** What became of one image: its bytes, or why not. */
export type Outcome = { ok: true; bytes: ArrayBuffer; contentType: string } | { ok: false; error: ErrorInfo };

export interface QueueOptions {
  /** Sends one batch; resolves to one answer per ref, in order. */
  send(refs: ImageQuery[]): Promise<ResolvedImage[]>;
  /** Called once per asked image with what became of it. */
  onResult(id: string, outcome: Outcome, ref: ImageQuery): void;
  /** Wraps the delivery of one answer's results (the resolver pauses its observer around it). */
  deliver?: (run: () => void) => void;
  batchSize?: number;
  inFlight?: number;
}

interface Waiting {
  ref: ImageQuery;
  urgent: boolean;
}

/** The page's single line to the background for image bytes. */
export class ResolveQueue {
  private readonly waiting = new Map<string, Waiting>();
  private readonly sent = new Set<string>();
  private active = 0;
  private scheduled = false;

  constructor(private readonly o: QueueOptions) {}

  /** Asks for an image unless it is already asked for; `urgent` moves it ahead of the rest. */
  request(id: string, ref: ImageQuery, urgent: boolean): void {
    if (this.sent.has(id)) return;
    const w = this.waiting.get(id);
    if (w) w.urgent ||= urgent;
    else this.waiting.set(id, { ref, urgent });
    this.schedule();
  }

  /** Whether an image is waiting or on its way. */
  has(id: string): boolean {
    return this.waiting.has(id) || this.sent.has(id);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // One microtask collects everything a scan or an observer callback asks for in one go.
    queueMicrotask(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** The next batch: near-viewport images alone while there are any, so they never wait on the rest. */
  private take(): [string, ImageQuery][] {
    const size = this.o.batchSize ?? LIMITS.keysPerResolve;
    const urgent = [...this.waiting.values()].some((w) => w.urgent);
    const batch: [string, ImageQuery][] = [];
    for (const [id, w] of this.waiting) {
      if (batch.length >= size) break;
      if (w.urgent === urgent) batch.push([id, w.ref]);
    }
    for (const [id] of batch) {
      this.waiting.delete(id);
      this.sent.add(id);
    }
    return batch;
  }

  private pump(): void {
    while (this.active < (this.o.inFlight ?? 4) && this.waiting.size) void this.sendBatch(this.take());
  }

  private async sendBatch(batch: [string, ImageQuery][]): Promise<void> {
    this.active++;
    let answers: ResolvedImage[] = [];
    let failure: ErrorInfo | null = null;
    try {
      answers = await this.o.send(batch.map(([, ref]) => ref));
    } catch (e) {
      failure = { kind: (e as { info?: ErrorInfo }).info?.kind ?? 'unavailable', message: e instanceof Error ? e.message : String(e) };
    }
    this.active--;
    (this.o.deliver ?? ((run) => run()))(() => this.settle(batch, answers, failure));
    this.pump();
  }

  private settle(batch: [string, ImageQuery][], answers: ResolvedImage[], failure: ErrorInfo | null): void {
    batch.forEach(([id, ref], i) => {
      this.sent.delete(id);
      const a = answers[i];
      // Over the background's per-answer byte budget: ask again, it is in its cache by now.
      if (a && !a.ok && a.error.kind === 'deferred') return this.request(id, ref, true);
      const outcome: Outcome = a
        ? a.ok ? { ok: true, bytes: a.bytes, contentType: a.contentType } : { ok: false, error: a.error }
        : { ok: false, error: failure ?? { kind: 'unavailable', message: t('msg_noAnswer') } };
      this.o.onResult(id, outcome, ref);
    });
  }
}
