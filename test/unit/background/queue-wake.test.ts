import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createQueueWake, QUEUE_ALARM } from '../../../src/background/queue-wake';

beforeEach(() => fakeBrowser.reset());

describe('the queue\'s wake-up alarm', () => {
  it('asks the browser only when the wake-up must come sooner, or is needed again', async () => {
    let now = 1_000;
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    const wake = createQueueWake(() => now);
    wake(now + 60_000);
    // A burst asks after every change, each time "a minute from now": the alarm set is soon enough.
    for (let i = 0; i < 50; i++) {
      now += 10;
      wake(now + 60_000);
    }
    expect(create).toHaveBeenCalledTimes(1);
    // A backoff due sooner moves it.
    wake(now + 2_000);
    expect((create.mock.calls.at(-1) as unknown[])[1]).toEqual({ when: now + 2_000, periodInMinutes: 1 });
    // Once that moment has passed, the next request sets it again.
    now += 3_000;
    wake(now + 60_000);
    expect(create).toHaveBeenCalledTimes(3);
    expect(await fakeBrowser.alarms.get(QUEUE_ALARM)).toBeDefined();
  });

  it('clears an alarm left from before a stop, once, when nothing is pending', async () => {
    await fakeBrowser.alarms.create(QUEUE_ALARM, { when: Date.now() + 60_000, periodInMinutes: 1 });
    const clear = vi.spyOn(fakeBrowser.alarms, 'clear');
    const wake = createQueueWake();
    wake(null);
    wake(null);
    await Promise.resolve();
    expect(clear).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.alarms.get(QUEUE_ALARM)).toBeUndefined();
  });
});
