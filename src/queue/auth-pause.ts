import { getRecord, setRecord } from '../db/records';

const AUTH_PAUSE = 'authPause';

/**
 * The queue's 401 pause: the message Glean's refusal gave, kept in IndexedDB so a restarted
 * background still waits for a new token, and mirrored here so checking it costs no read.
 */
export class AuthPause {
  private cached: Promise<string | undefined> | null = null;

  /** The message while the queue waits for a new token; undefined when it does not. */
  message(): Promise<string | undefined> {
    this.cached ??= getRecord<string>(AUTH_PAUSE);
    return this.cached;
  }

  /** Starts (with a message) or ends (undefined) the pause. */
  async set(message: string | undefined): Promise<void> {
    await setRecord(AUTH_PAUSE, message);
    this.cached = Promise.resolve(message);
  }
}
