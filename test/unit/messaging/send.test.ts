import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MessageError, send } from '../../../src/messaging/send';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('send', () => {
  it('sends {type, payload} and returns the value of an ok reply', async () => {
    const listener = vi.fn(async () => ({ ok: true, value: ['https://a.example'] }));
    fakeBrowser.runtime.onMessage.addListener(listener);
    await expect(send('sites.get', null)).resolves.toEqual(['https://a.example']);
    expect(listener).toHaveBeenCalledWith({ type: 'sites.get', payload: null }, expect.anything());
  });

  it('throws a MessageError carrying the error info of a refused reply', async () => {
    const error = { kind: 'refused', message: 'Messages are accepted only from this extension.' };
    fakeBrowser.runtime.onMessage.addListener(async () => ({ ok: false, error }));
    const thrown = await send('settings.get', null).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(MessageError);
    expect((thrown as MessageError).info).toEqual(error);
    expect((thrown as MessageError).message).toBe(error.message);
  });

  it('keeps field errors for the form', async () => {
    const error = { kind: 'unknown', message: 'Enter your API token.', fields: [{ field: 'token', message: 'Enter your API token.' }] };
    fakeBrowser.runtime.onMessage.addListener(async () => ({ ok: false, error }));
    await expect(send('settings.save', { draft: { backend: 'acme', tokenType: 'user', actAs: '', userId: '' } })).rejects.toMatchObject({ info: error });
  });

  it('turns "no background" into an unavailable MessageError', async () => {
    // No listener: the fake (like the browser) rejects.
    await expect(send('settings.get', null)).rejects.toMatchObject({ name: 'MessageError', info: { kind: 'unavailable' } });
  });

  it('turns a missing reply into an unavailable MessageError', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => undefined);
    await expect(send('settings.get', null)).rejects.toMatchObject({ info: { kind: 'unavailable', message: expect.stringMatching(/did not answer/) } });
  });
});
