import { useRef } from 'preact/hooks';

/** The outcome of the last action, announced politely to screen readers. */
export interface Status {
  tone: 'info' | 'ok' | 'error';
  text: string;
}

/** Shows a status message in a live region that keeps its space, so nothing jumps. */
export function StatusLine({ status, busy = false }: { status: Status | null; busy?: boolean }) {
  // data-seq and data-busy let scripts tell a new, final message from an earlier identical one.
  const seq = useRef(0);
  const last = useRef(status);
  if (last.current !== status) {
    seq.current += 1;
    last.current = status;
  }
  return (
    <p class={`status ${status ? `status-${status.tone}` : ''}`} role="status" aria-live="polite" data-busy={busy} data-seq={seq.current}>
      {status?.text ?? ''}
    </p>
  );
}
