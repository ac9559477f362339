/**
 * What the background asks of the page part it injects, and what it answers. Shared by both
 * sides; types and one guard only, so the page part stays small.
 */

/** What the in-page toast shows. Strings are ready to show and to copy. */
export type ToastState =
  | { kind: 'progress'; text: string }
  /** `note`: said under the key, e.g. that the upload was sent again and Glean may hold two copies. */
  | { kind: 'done'; jobId: string; title: string; key: string; url: string; markdown: string; note?: string }
  | { kind: 'failed'; message: string; jobId?: string }
  | { kind: 'info'; message: string };

export type PageToolRequest =
  | { tool: 'read-image'; src: string; capBytes: number }
  | { tool: 'find-image'; targetElementId?: number }
  | { tool: 'toast'; toast: ToastState }
  /** Before a screenshot: our own toast must not be in it. */
  | { tool: 'hide-toast' };

export type ReadImageReply = { ok: true; bytes: ArrayBuffer; type: string } | { ok: false; message: string };
/** `cancelled`: the person pressed Esc instead of picking; nothing to say to them. */
export type FindImageReply = { ok: true; src: string } | { ok: false; message: string } | { ok: false; cancelled: true };

/** Whether a message is one of the requests above, in shape. */
export function isPageToolRequest(m: unknown): m is PageToolRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  switch (r.tool) {
    case 'read-image':
      return typeof r.src === 'string' && typeof r.capBytes === 'number';
    case 'find-image':
      return r.targetElementId === undefined || typeof r.targetElementId === 'number';
    case 'toast':
      return typeof r.toast === 'object' && r.toast !== null && typeof (r.toast as { kind?: unknown }).kind === 'string';
    case 'hide-toast':
      return true;
    default:
      return false;
  }
}
