/**
 * Reads image bytes without trusting their size. A page image or a pasted stream can be any
 * length, and a service worker has little memory, so a stream is read only to cap + 1 bytes:
 * the one extra byte proves it is too big without buffering the rest.
 */
import { GleanError } from '../glean/errors';
import { messageLanguage, t, tCount } from '../i18n/t';

/** Sources an upload starts from: a file or clipboard Blob, bytes sent by a page, or a fetch body. */
export type ByteSource = ReadableStream<Uint8Array> | Blob | ArrayBuffer;

// Small enough that an over-cap stream costs little, large enough to keep the read loop short.
const CHUNK = 256 * 1024;

/** "812 bytes", "14.2 KB", "31.4 MB" (binary units, as file managers show them). */
export function formatBytes(n: number): string {
  if (n < 1024) return tCount('image_bytes', n);
  const [value, key] = n < 1024 * 1024 ? [n / 1024, 'image_kilobytes' as const] : [n / (1024 * 1024), 'image_megabytes' as const];
  const number = new Intl.NumberFormat(messageLanguage(), { maximumFractionDigits: 1 });
  return t(key, number.format(value));
}

function tooLarge(size: number | undefined, cap: number): GleanError {
  const limit = formatBytes(cap);
  // Never say "32 MB is over 32 MB": when rounding hides the difference, fall back to the vaguer form.
  const message =
    size === undefined || formatBytes(size) === limit ? t('image_tooLargeLimit', limit) : t('image_tooLarge', formatBytes(size), limit);
  return new GleanError('invalid-input', message);
}

function aborted(): GleanError {
  return new GleanError('aborted', t('image_uploadCancelled'));
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

interface Reading {
  reader: ReadableStreamBYOBReader | ReadableStreamDefaultReader<Uint8Array>;
  /** Reads up to `want` bytes when the stream lets us choose, else the source's next chunk. */
  read(want: number): Promise<ReadableStreamReadResult<Uint8Array>>;
}

/** Prefers a BYOB reader (byte streams, which fetch bodies are), so we choose every read size. */
function openReader(stream: ReadableStream<Uint8Array>): Reading {
  try {
    const byob = (stream as ReadableStream<Uint8Array<ArrayBuffer>>).getReader({ mode: 'byob' });
    return { reader: byob, read: (want) => byob.read(new Uint8Array(want)) };
  } catch {
    const plain = stream.getReader(); // not a byte stream
    return { reader: plain, read: () => plain.read() };
  }
}

async function readStream(
  stream: ReadableStream<Uint8Array>,
  cap: number,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const { reader, read } = openReader(stream);
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      if (signal?.aborted) throw aborted();
      // With BYOB we never ask for more than cap + 1 in all; a default reader hands us the
      // source's chunks, so the chunk that crosses the cap is trimmed and the source cancelled.
      const want = Math.min(CHUNK, cap + 1 - total);
      const { done, value } = await read(want);
      if (signal?.aborted) throw aborted();
      if (value && value.length > 0) {
        const kept = value.length > cap + 1 - total ? value.subarray(0, cap + 1 - total) : value;
        chunks.push(kept);
        total += kept.length;
      }
      if (total > cap) throw tooLarge(undefined, cap);
      if (done) return concat(chunks, total);
    }
  } catch (e) {
    await reader.cancel().catch(() => {}); // stop the source (a download, say) right away
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

/** All bytes of `source`, refused with the size in the message when they are over `capBytes`. */
export async function readCapped(
  source: ByteSource,
  capBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  if (!(capBytes > 0) || !Number.isFinite(capBytes)) throw new RangeError(`bad size cap ${capBytes}`);
  // A stream checks the signal itself, so that it is cancelled too.
  if (!(source instanceof ArrayBuffer || source instanceof Blob)) return readStream(source, capBytes, signal);
  if (signal?.aborted) throw aborted();
  if (source instanceof ArrayBuffer) {
    if (source.byteLength > capBytes) throw tooLarge(source.byteLength, capBytes);
    return new Uint8Array(source);
  }
  // A Blob knows its size, so an oversized one is refused before a single byte is read.
  if (source.size > capBytes) throw tooLarge(source.size, capBytes);
  return new Uint8Array(await source.arrayBuffer());
}
