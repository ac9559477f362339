// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MessageError } from '../../../../src/messaging/send';
import { formatBytes, formatDimensions, formatType, lookupErrorText } from '../../../../src/ui/popup/format';
import { downloadName } from '../../../../src/ui/popup/image-result';
import { jobName, jobStateText, needsSettings } from '../../../../src/ui/popup/job-words';
import { checkMetadata, metadataFields, uploadOptionsFrom, type MetadataDraft } from '../../../../src/ui/popup/metadata';
import { hideSmall, mergeDuplicates } from '../../../../src/ui/popup/page-images';
import { DEFAULT_PROCESSING, processingOptions } from '../../../../src/ui/popup/processing-form';
import { isQueueBroadcast, useQueueEvents } from '../../../../src/ui/popup/use-queue-events';
import { useLocale } from '../../i18n/locale';
import { broadcast, job } from './fixtures';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const draft = (over: Partial<MetadataDraft> = {}): MetadataDraft => ({ type: 'UGC', id: 'c1', ds: '', cid: '', actAs: '', ...over });

describe('metadata checks', () => {
  it('needs an ID for USER only; UGC without one is allowed, as the API and the right-click upload allow it', () => {
    expect(checkMetadata(draft({ type: 'USER', id: ' ' }), false)).toEqual({ id: 'A profile picture (USER) needs the user ID.' });
    expect(checkMetadata(draft({ type: 'UGC', id: '' }), false)).toEqual({});
    expect(uploadOptionsFrom(draft({ type: 'UGC', id: ' ' }), false)).toEqual({ metadata: { type: 'UGC' } });
    expect(checkMetadata(draft({ type: 'LOGO', id: '' }), false)).toEqual({});
  });

  it('checks act-as only for a global token', () => {
    expect(checkMetadata(draft({ actAs: 'nonsense' }), false)).toEqual({});
    expect(checkMetadata(draft({ actAs: '' }), true).actAs).toBe('A global token acts for someone: enter their e-mail.');
    expect(checkMetadata(draft({ actAs: 'bob@example' }), true).actAs).toBe('"bob@example" is not an e-mail address.');
    expect(checkMetadata(draft({ actAs: 'bob@example.com' }), true)).toEqual({});
  });

  it('refuses fields longer than the protocol allows', () => {
    expect(checkMetadata(draft({ ds: 'x'.repeat(1025) }), false).ds).toBe('At most 1024 characters.');
  });

  it('trims fields and leaves empty ones out; act-as only for a global token', () => {
    expect(metadataFields(draft({ id: ' a ', ds: ' ', cid: 'z' }))).toEqual({ type: 'UGC', id: 'a', cid: 'z' });
    expect(uploadOptionsFrom(draft({ actAs: ' a@b.co ' }), true)).toEqual({ metadata: { type: 'UGC', id: 'c1' }, actAs: 'a@b.co' });
    expect(uploadOptionsFrom(draft({ actAs: 'a@b.co' }), false)).toEqual({ metadata: { type: 'UGC', id: 'c1' } });
  });
});

describe('processing options', () => {
  it('sends nothing for the defaults, so the background applies the saved preferences', () => {
    expect(processingOptions(DEFAULT_PROCESSING, true)).toBeUndefined();
  });

  it('turns the form into options, quality only for lossy formats, crop only where offered', () => {
    expect(processingOptions({ maxSize: 256, format: 'png', quality: 50, squareCrop: true }, false)).toEqual({ maxWidth: 256, maxHeight: 256, format: 'png' });
    expect(processingOptions({ maxSize: 0, format: 'webp', quality: 150, squareCrop: true }, true)).toEqual({ format: 'webp', quality: 1, squareCrop: true });
    expect(processingOptions({ maxSize: 0, format: 'jpeg', quality: Number.NaN, squareCrop: false }, true)).toEqual({ format: 'jpeg', quality: 0.85 });
  });
});

describe('page images', () => {
  const img = (src: string, w: number, h: number, alt = '') => ({ src, kind: 'img' as const, naturalWidth: w, naturalHeight: h, alt, frameId: 0 });

  it('merges the same src, keeping the largest size and the first alt', () => {
    expect(mergeDuplicates([img('a', 10, 10), img('b', 5, 5), img('a', 20, 8, 'A')])).toEqual([img('a', 20, 10, 'A'), img('b', 5, 5)]);
  });

  it('hides images smaller than the minimum on either side, keeping unknown sizes', () => {
    const list = [img('big', 64, 64), img('thin', 200, 10), img('unknown', 0, 0)];
    expect(hideSmall(list, 32).map((i) => i.src)).toEqual(['big', 'unknown']);
    expect(hideSmall(list, 0)).toHaveLength(3);
  });
});

describe('words', () => {
  it('formats sizes, dimensions and types', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual(['512 B', '2.0 KB', '3.0 MB']);
    expect([formatDimensions(3, 4), formatDimensions(0, 0)]).toEqual(['3 × 4', 'size unknown']);
    expect(['image/png', 'image/svg+xml', 'image/x-icon', 'image/webp', ''].map(formatType)).toEqual(['PNG', 'SVG', 'ICO', 'WebP', 'unknown type']);
  });

  it('words sizes, counts and states in the browser\'s language', () => {
    useLocale('de');
    try {
      expect([formatBytes(2048), formatDimensions(0, 0)]).toEqual(['2,0 KB', 'Größe unbekannt']);
      expect(lookupErrorText(new MessageError({ kind: 'rate-limited', message: 'x', retryAfterSeconds: 2 }))).toBe('Glean erhält zu viele Anfragen (429). Versuchen Sie es in 2 Sekunden erneut.');
      expect(jobStateText(job({ state: 'queued', attempts: 1 }), null)).toBe('Wartet auf den nächsten Versuch (2. Versuch).');
    } finally {
      useLocale('en');
    }
  });

  it('names downloads by content type', () => {
    expect(downloadName('profile-alice', 'image/jpeg')).toBe('profile-alice.jpg');
    expect(downloadName('a/b c', 'image/png')).toBe('a_b_c.png');
    expect(downloadName('', 'image/x-icon')).toBe('image.ico');
  });

  it('keeps the background\'s words for errors it has no plainer sentence for', () => {
    expect(lookupErrorText(new MessageError({ kind: 'timeout', message: 'Glean did not answer in time.' }))).toBe('Glean did not answer in time.');
    expect(lookupErrorText(new MessageError({ kind: 'rate-limited', message: 'x', retryAfterSeconds: 1 }))).toBe('Glean is getting too many requests (429). Try again in 1 second.');
  });

  it('names jobs and words their state', () => {
    expect(jobName(job({ source: { srcUrl: 'https://s.test/a/b%20c.png?x=1' } }))).toBe('b c.png');
    expect(jobName(job({ source: {}, metadata: { type: 'USER', id: 'bob' } }))).toBe('USER bob');
    expect(jobStateText(job({ state: 'queued', attempts: 2 }), null)).toBe('Waiting to try again (attempt 3).');
    const unauthorized = job({ state: 'paused', error: { kind: 'unauthorized', message: 'Refused (401).' } });
    expect(jobStateText(unauthorized, null)).toBe('Paused: Refused (401).');
    expect(needsSettings(unauthorized, null)).toBe(true);
    expect(needsSettings(unauthorized, { reason: 'rate-limited', until: 0 })).toBe(false);
    // A cancelled upload is said to be cancelled, not to have failed.
    expect(jobStateText(job({ state: 'cancelled' }), null)).toBe('Cancelled.');
  });
});

describe('queue events', () => {
  it('recognises only queue broadcasts', () => {
    expect(isQueueBroadcast({ event: 'queue.changed', jobs: [job()], counts: {}, pause: null })).toBe(true);
    expect(isQueueBroadcast({ type: 'settings.get', payload: null })).toBe(false);
    expect(isQueueBroadcast({ event: 'queue.changed' })).toBe(false);
    expect(isQueueBroadcast({ event: 'queue.changed', jobs: [null] })).toBe(false);
    expect(isQueueBroadcast({ event: 'queue.changed', job: job() })).toBe(false);
    expect(isQueueBroadcast(null)).toBe(false);
  });

  it('hands broadcasts to the component, answers nothing, ignores other messages and stops on unmount', async () => {
    const seen = vi.fn();
    function Listener() {
      useQueueEvents((e) => e.jobs.forEach((j) => seen(j.id)));
      return null;
    }
    const view = render(<Listener />);
    const answers = await fakeBrowser.runtime.onMessage.trigger({ type: 'upload.status', payload: null }, {});
    expect(answers).toEqual([undefined]);
    expect(seen).not.toHaveBeenCalled();
    await broadcast(job({ id: 'seen' }));
    expect(seen).toHaveBeenCalledWith('seen');
    view.unmount();
    // Preact 11 runs effect cleanups just after unmount; then broadcasts reach nobody.
    await waitFor(async () => {
      seen.mockClear();
      await broadcast(job({ id: 'late' })).catch(() => undefined);
      expect(seen).not.toHaveBeenCalled();
    });
  });
});
