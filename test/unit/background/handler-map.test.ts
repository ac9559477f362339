import { describe, expect, it } from 'vitest';
import { backgroundHandlers, mergeHandlers } from '../../../src/background/handler-map';
import { SENDER_OF } from '../../../src/messaging/protocol';

describe('the background handler map', () => {
  it('answers exactly the protocol\'s messages, each with a function', () => {
    const handlers = backgroundHandlers();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(SENDER_OF).sort());
    for (const [type, handler] of Object.entries(handlers)) expect(typeof handler, type).toBe('function');
  });

  it('refuses two handlers for one message instead of letting the later one win', () => {
    const first = { 'sites.get': async () => ['a'] };
    const second = { 'sites.get': async () => ['b'] };
    expect(() => mergeHandlers(first, second)).toThrow('Two handlers for the message "sites.get".');
    expect(Object.keys(mergeHandlers(first, { 'history.clear': async () => null }))).toEqual(['sites.get', 'history.clear']);
  });
});
