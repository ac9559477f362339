import { describe, expect, it } from 'vitest';
import { GleanError, isGleanError, toErrorInfo } from '../../../src/glean/errors';
import { capServerMessage, errorForStatus, serverMessageFromBody } from '../../../src/glean/status-errors';

describe('GleanError', () => {
  it('is an Error with a kind and only the details given', () => {
    const e = new GleanError('rate-limited', 'slow down', { status: 429, retryAfterSeconds: 5, url: 'https://x/' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('GleanError');
    expect(e.kind).toBe('rate-limited');
    expect(e.status).toBe(429);
    expect(e.retryAfterSeconds).toBe(5);
    expect('serverMessage' in e).toBe(false);
  });

  it('isGleanError recognises instances and cross-realm look-alikes, nothing else', () => {
    expect(isGleanError(new GleanError('network', 'x'))).toBe(true);
    expect(isGleanError({ name: 'GleanError', kind: 'timeout', message: 'x' })).toBe(true);
    expect(isGleanError({ name: 'GleanError', kind: 'nope', message: 'x' })).toBe(false);
    expect(isGleanError(new Error('x'))).toBe(false);
    expect(isGleanError(null)).toBe(false);
    expect(isGleanError('GleanError')).toBe(false);
  });
});

describe('toErrorInfo', () => {
  it('keeps kind, message, status and retryAfterSeconds as a plain, clonable object', () => {
    const e = new GleanError('rate-limited', 'Try again in 5 seconds.', {
      status: 429,
      retryAfterSeconds: 5,
      url: 'https://acme-be.glean.com/rest/api/v1/images?key=k',
      serverMessage: 'slow',
    });
    const info = toErrorInfo(e);
    expect(info).toEqual({ kind: 'rate-limited', message: 'Try again in 5 seconds.', status: 429, retryAfterSeconds: 5 });
    expect(Object.getPrototypeOf(info)).toBe(Object.prototype);
    expect(structuredClone(info)).toEqual(info);
  });

  it('maps platform abort/timeout errors and anything else', () => {
    expect(toErrorInfo(new DOMException('x', 'AbortError')).kind).toBe('aborted');
    expect(toErrorInfo(new DOMException('x', 'TimeoutError')).kind).toBe('timeout');
    expect(toErrorInfo(new TypeError('boom'))).toEqual({ kind: 'unknown', message: 'boom' });
    expect(toErrorInfo('text')).toEqual({ kind: 'unknown', message: 'text' });
    expect(toErrorInfo(undefined)).toEqual({ kind: 'unknown', message: 'Something went wrong.' });
  });
});

describe('server messages', () => {
  it('caps at about 300 characters on one line', () => {
    expect(capServerMessage('  a\n\n b  ')).toBe('a b');
    expect(capServerMessage('   ')).toBeUndefined();
    const long = capServerMessage('x'.repeat(1000))!;
    expect(long.length).toBe(300);
    expect(long.endsWith('…')).toBe(true);
  });

  it('prefers a JSON message/error field, else plain text, never HTML', () => {
    expect(serverMessageFromBody('{"message":"bad id"}', 'application/json')).toBe('bad id');
    expect(serverMessageFromBody('{"error":"bad ds"}', null)).toBe('bad ds');
    expect(serverMessageFromBody('{"error":{"message":"nested"}}', null)).toBe('nested');
    expect(serverMessageFromBody('{"other":1}', null)).toBeUndefined();
    expect(serverMessageFromBody('plain reason\n', 'text/plain')).toBe('plain reason');
    expect(serverMessageFromBody('<html><body>Bad</body></html>', 'text/html')).toBeUndefined();
    expect(serverMessageFromBody('', null)).toBeUndefined();
  });

  it('builds a sentence per status', () => {
    expect(errorForStatus(400, 'u', 'no type').message).toBe('Glean rejected the request (400): no type');
    expect(errorForStatus(400, 'u').message).toBe('Glean rejected the request (400).');
    expect(errorForStatus(429, 'u', undefined, 1).message).toMatch(/Try again in 1 second\./);
    expect(errorForStatus(429, 'u').message).toMatch(/Try again in a little while\./);
    expect(errorForStatus(599, 'u').kind).toBe('server');
    expect(errorForStatus(600, 'u').kind).toBe('bad-response');
  });
});
