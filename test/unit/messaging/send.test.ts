import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MessageError, RESEND_DELAYS_MS, send } from '../../../src/messaging/send';

beforeEach(() => {
  vi.restoreAllMocks();
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

  it('turns "no background" into an unavailable MessageError once the tries are spent', async () => {
    // No listener: the fake (like the browser) rejects.
    await expect(send('settings.get', null, { delays: [1, 1] })).rejects.toMatchObject({
      name: 'MessageError',
      info: { kind: 'unavailable', message: expect.stringMatching(/did not answer, even after 3 tries/) },
    });
  });

  it('turns a missing reply into an unavailable MessageError', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => undefined);
    await expect(send('settings.get', null, { delays: [] })).rejects.toMatchObject({ info: { kind: 'unavailable', message: expect.stringMatching(/did not answer/) } });
  });

  it('sends again, after a wait, when the background went away before answering', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    let calls = 0;
    spy.mockImplementation((async () => {
      calls += 1;
      if (calls < 3) throw new Error('The message port closed before a response was received.');
      return { ok: true, value: ['https://b.example'] };
    }) as never);
    const started = Date.now();
    await expect(send('sites.get', null, { delays: [30, 30, 30] })).resolves.toEqual(['https://b.example']);
    expect(calls).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('does not send again an answer that came: an error from the background is final', async () => {
    const listener = vi.fn(async () => ({ ok: false, error: { kind: 'bad-request', message: 'no' } }));
    fakeBrowser.runtime.onMessage.addListener(listener);
    await expect(send('upload.retry', { id: 'x' }, { delays: [1, 1, 1] })).rejects.toMatchObject({ info: { kind: 'bad-request' } });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('sends the OAuth sign-in once only: a second try would open a second sign-in window', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('gone'));
    await expect(send('oauth.signIn', { backend: 'a', userId: '', provider: 'glean', issuer: '', clientId: '', scopes: '' }, { delays: [1, 1] })).rejects.toMatchObject({ info: { kind: 'unavailable' } });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('sends a screenshot start once only: a second try would take a second capture and open a second editor', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('gone'));
    await expect(send('screenshot.start', { tabId: 1, kind: 'visible' }, { delays: [1, 1] })).rejects.toMatchObject({ info: { kind: 'unavailable' } });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('says so, without trying, in a page whose extension was updated or removed', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    vi.spyOn(fakeBrowser.runtime, 'id', 'get').mockReturnValue(undefined as never);
    await expect(send('page.keys', { keys: ['k'] }, { delays: [1] })).rejects.toMatchObject({ info: { kind: 'unavailable', message: expect.stringMatching(/updated or removed/) } });
    expect(spy).not.toHaveBeenCalled();
  });

  it('waits about 4 s in all before it gives up', () => {
    const total = RESEND_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(3000);
    expect(total).toBeLessThanOrEqual(5000);
  });
});
