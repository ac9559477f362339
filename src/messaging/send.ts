import { browser } from 'wxt/browser';
import type { ErrorInfo, MessageType, Reply, RequestOf, ResponseOf } from './protocol';

/** An error the background answered with, carried to pages and content scripts as plain data. */
export class MessageError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'MessageError';
  }
}

/** Sends one protocol message to the background and returns its value, or throws MessageError. */
export async function send<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let reply: Reply<ResponseOf<T>> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseOf<T>> | undefined;
  } catch {
    throw new MessageError({ kind: 'unavailable', message: 'The extension is not responding. Reload the page and try again.' });
  }
  if (!reply) throw new MessageError({ kind: 'unavailable', message: 'The extension did not answer.' });
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}
