import { describe, expect, it } from 'vitest';
import { GleanError } from '../../../src/glean/errors';
import { formatBytes, readCapped } from '../../../src/images/read-capped';

const MB = 1024 * 1024;

/** A byte stream of `total` bytes that counts what it hands out, filling the reader's own buffers. */
function countingByteStream(total: number) {
  const stats = { pulled: 0, cancelled: false };
  const stream: ReadableStream<Uint8Array> = new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const req = controller.byobRequest;
      const left = total - stats.pulled;
      if (!req?.view) throw new Error('expected a BYOB read');
      if (left === 0) {
        controller.close();
        return req.respond(0); // a closed byte stream still owes the pending read an answer
      }
      const n = Math.min(left, req.view.byteLength);
      new Uint8Array(req.view.buffer, req.view.byteOffset, n).fill(stats.pulled % 251);
      stats.pulled += n;
      req.respond(n);
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return { stream, stats };
}

/** A default (non-byte) stream that hands out fixed-size chunks only when asked. */
function countingChunkStream(total: number, chunk: number) {
  const stats = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const n = Math.min(chunk, total - stats.pulled);
        if (n === 0) return controller.close();
        const bytes = new Uint8Array(n);
        for (let i = 0; i < n; i++) bytes[i] = (stats.pulled + i) % 256;
        stats.pulled += n;
        controller.enqueue(bytes);
      },
      cancel() {
        stats.cancelled = true;
      },
    },
    { highWaterMark: 0 }, // pull only on demand, so `pulled` is what the reader asked for
  );
  return { stream, stats };
}

async function rejection(p: Promise<unknown>): Promise<GleanError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GleanError);
  return e as GleanError;
}

describe('readCapped: streams', () => {
  it('reads no more than cap + 1 bytes of a byte stream, then cancels it', async () => {
    const cap = 1000 * 1000;
    const { stream, stats } = countingByteStream(50 * MB);
    const e = await rejection(readCapped(stream, cap));
    expect(e.kind).toBe('invalid-input');
    expect(e.message).toBe('This image is larger than the 976.6 KB limit.');
    expect(stats.pulled).toBe(cap + 1);
    expect(stats.cancelled).toBe(true);
  });

  it('reads a byte stream at the cap exactly, all of it', async () => {
    const { stream, stats } = countingByteStream(4096);
    const bytes = await readCapped(stream, 4096);
    expect(bytes.length).toBe(4096);
    expect(stats.pulled).toBe(4096);
  });

  it('stops a chunked stream at the chunk that crosses the cap and keeps its bytes in order', async () => {
    const { stream, stats } = countingChunkStream(10 * MB, 1000);
    const e = await rejection(readCapped(stream, 2500));
    expect(e.message).toBe('This image is larger than the 2.4 KB limit.');
    expect(stats.pulled).toBe(3000); // three chunks: the source, not us, chose 1000-byte chunks
    expect(stats.cancelled).toBe(true);

    const small = countingChunkStream(2500, 1000);
    const bytes = await readCapped(small.stream, 2500);
    expect([...bytes]).toEqual(Array.from({ length: 2500 }, (_, i) => i % 256));
  });

  it('stops when the signal aborts', async () => {
    const { stream, stats } = countingByteStream(10 * MB);
    const controller = new AbortController();
    controller.abort();
    const e = await rejection(readCapped(stream, 20 * MB, controller.signal));
    expect(e.kind).toBe('aborted');
    expect(stats.pulled).toBe(0);
    expect(stats.cancelled).toBe(true);
  });
});

describe('readCapped: Blob and ArrayBuffer', () => {
  it('stops at an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await rejection(readCapped(new Blob([new Uint8Array(8)]), 100, controller.signal))).kind).toBe('aborted');
  });

  const size = Math.round(31.4 * MB);

  it('refuses a Blob over the cap with both sizes in the message', async () => {
    const e = await rejection(readCapped(new Blob([new Uint8Array(size)]), 20 * MB));
    expect(e.kind).toBe('invalid-input');
    expect(e.message).toBe('This image is 31.4 MB; the limit is 20 MB.');
  });

  it('refuses an ArrayBuffer over the cap the same way', async () => {
    const e = await rejection(readCapped(new ArrayBuffer(20 * MB + 1), 20 * MB));
    // 20 MB + 1 byte rounds to "20 MB": say "larger than" rather than "20 MB; the limit is 20 MB".
    expect(e.message).toBe('This image is larger than the 20 MB limit.');
  });

  it('returns the bytes of a Blob and an ArrayBuffer under the cap unchanged', async () => {
    const source = new Uint8Array([1, 2, 3, 250]);
    expect([...(await readCapped(new Blob([source]), 4))]).toEqual([1, 2, 3, 250]);
    expect([...(await readCapped(source.slice().buffer, 4))]).toEqual([1, 2, 3, 250]);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [1023, '1023 bytes'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [20 * MB, '20 MB'],
    [Math.round(31.4 * MB), '31.4 MB'],
  ])('%d -> %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });
});
