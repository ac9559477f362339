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

/**
 * The waits before each new try when the background went away before it answered: it is stopped
 * when idle, by an update or by a crash, and starts again with the next message. About 4 s in all.
 */
export const RESEND_DELAYS_MS: readonly number[] = [100, 250, 500, 1000, 2000];

/** Not sent again by itself: each opens a window (sign-in, screenshot editor), which a second try would open twice. */
const SENT_ONCE: ReadonlySet<MessageType> = new Set(['oauth.signIn', 'screenshot.start']);

export interface SendOptions {
  /** The waits between tries (tests shorten them); empty: one try only. */
  delays?: readonly number[];
}

/** False in a content script that outlived its extension (Chromium clears the id; Firefox may throw). */
function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

type Try<T> = { reply: Reply<T> } | { gone: 'no-channel' | 'no-answer' };

async function tryOnce<T>(message: unknown): Promise<Try<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<T> | undefined;
    return reply ? { reply } : { gone: 'no-answer' };
  } catch {
    return { gone: 'no-channel' };
  }
}

/**
 * Sends one protocol message to the background and returns its value, or throws MessageError.
 * When the background went away before answering, the message is sent again after a short wait,
 * a few times: every handler is safe to run twice (uploads carry a hand-over id, see protocol.ts).
 */
export async function send<T extends MessageType>(type: T, payload: RequestOf<T>, options: SendOptions = {}): Promise<ResponseOf<T>> {
  const delays = SENT_ONCE.has(type) ? [] : (options.delays ?? RESEND_DELAYS_MS);
  for (let attempt = 0; ; attempt++) {
    // In a page whose extension was updated or removed, this script is cut off for good.
    if (!extensionAlive()) throw new MessageError({ kind: 'unavailable', message: t('msg_extensionGone') });
    const outcome = await tryOnce<ResponseOf<T>>({ type, payload });
    if ('reply' in outcome) {
      if (!outcome.reply.ok) throw new MessageError(outcome.reply.error);
      return outcome.reply.value;
    }
    const wait = delays[attempt];
    if (wait === undefined) {
      const tries = attempt + 1;
      throw new MessageError({ kind: 'unavailable', message: outcome.gone === 'no-answer' ? t('msg_noAnswer') : t('msg_notResponding', tries) });
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
