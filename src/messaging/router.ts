/**
 * The background's single entry for runtime messages. Before any handler runs it checks that the
 * message comes from this extension, from the kind of sender the protocol allows, and that the
 * payload has the declared shape. Everything else is answered with an error and changes nothing.
 */
import * as v from 'valibot';
import { toErrorInfo } from '../glean/errors';
import { t } from '../i18n/t';
import { SettingsInvalidError } from '../settings/validate';
import { SENDER_OF, type MessageType, type Reply, type RequestOf, type ResponseOf, type SenderKind } from './protocol';
import { REQUEST_SCHEMAS } from './schemas';

/** The parts of `runtime.MessageSender` the checks read. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

/** What a handler learns about who asked, once the checks passed. */
export interface CheckedSender {
  kind: SenderKind;
  /** For content scripts: the tab, frame and page URL the message came from. */
  tabId?: number;
  frameId?: number;
  url: string;
}

export type Handler<T extends MessageType> = (payload: RequestOf<T>, sender: CheckedSender) => Promise<ResponseOf<T>>;
export type Handlers = { [K in MessageType]?: Handler<K> };

const refuse = (message: string): Reply<never> => ({ ok: false, error: { kind: 'refused', message } });

/**
 * Tells which kind of sender this is, or null when it is neither of ours. Extension pages are
 * recognised by their URL starting with our base URL, never by comparing origins: a URL parser
 * may give extension URLs the opaque origin "null", which about:blank and data: share.
 */
export function classifySender(sender: SenderInfo, self: { id: string; origin: string }): CheckedSender | null {
  if (sender.id !== self.id || typeof sender.url !== 'string') return null;
  if (sender.url.startsWith(`${self.origin}/`)) {
    // Chromium also reports `sender.origin`; when present it must be ours.
    if (sender.origin !== undefined && sender.origin !== self.origin) return null;
    return { kind: 'page', url: sender.url };
  }
  let page: URL;
  try {
    page = new URL(sender.url);
  } catch {
    return null;
  }
  // Our content scripts run only in web pages.
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return null;
  if (sender.origin !== undefined && sender.origin !== page.origin) return null;
  if (typeof sender.tab?.id === 'number' && typeof sender.frameId === 'number') {
    return { kind: 'content', tabId: sender.tab.id, frameId: sender.frameId, url: sender.url };
  }
  return null;
}

/** Builds the router; `self` is this extension's id and origin (e.g. chrome-extension://<id>, no slash). */
export function createRouter(handlers: Handlers, self: { id: string; origin: string }) {
  return async function route(message: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
    try {
      const who = classifySender(sender, self);
      if (!who) return refuse(t('msg_foreignSender'));
      if (typeof message !== 'object' || message === null) return refuse(t('msg_malformed'));
      const { type, payload } = message as { type?: unknown; payload?: unknown };
      if (typeof type !== 'string' || !Object.hasOwn(SENDER_OF, type)) return refuse(t('msg_unknown'));
      const known = type as MessageType;
      if (SENDER_OF[known] !== who.kind) return refuse(t('msg_wrongSender', known));
      const parsed = v.safeParse(REQUEST_SCHEMAS[known], payload);
      if (!parsed.success) return refuse(t('msg_malformedType', known));
      const handler = handlers[known] as Handler<typeof known> | undefined;
      if (!handler) return refuse(t('msg_notAvailable', known));
      return { ok: true, value: await handler(parsed.output as never, who) };
    } catch (e) {
      const error = toErrorInfo(e);
      return { ok: false, error: e instanceof SettingsInvalidError ? { ...error, fields: e.fields } : error };
    }
  };
}
