import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
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
    throw new MessageError({ kind: 'unavailable', message: t('msg_notResponding') });
  }
  if (!reply) throw new MessageError({ kind: 'unavailable', message: t('msg_noAnswer') });
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}
