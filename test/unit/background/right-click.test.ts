/**
 * The right-click flow's outcomes the person sees: every failure reaches the page as a toast
 * (none is lost as an unhandled rejection), and a pick the person cancelled shows nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU } from '../../../src/background/menu-actions';
import { uploadFromMenu } from '../../../src/background/right-click';
import type { FindImageReply, PageToolRequest, ToastState } from '../../../src/content/page-tools-protocol';
import { resetDb } from '../db/reset-db';

const TAB = 12;
let unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

/** A page part that answers "find-image" with `found` and records the toasts it is asked to show. */
function fakePage(found: FindImageReply) {
  const toasts: ToastState[] = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tabId: number, request: PageToolRequest) => {
    if (request.tool === 'find-image') return found;
    if (request.tool === 'toast') {
      toasts.push(request.toast);
      return true;
    }
    return undefined;
  }) as never);
  return toasts;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await resetDb();
  unhandled = [];
  process.on('unhandledRejection', onUnhandled);
});

afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Lets the rejections of this turn be reported to the process. */
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('uploadFromMenu', () => {
  it('says in the page when the details window cannot open, instead of dropping the error', async () => {
    const toasts = fakePage({ ok: true, src: 'https://page.example/a.png' });
    vi.spyOn(fakeBrowser.windows, 'create').mockRejectedValue(new Error('No window can open here.'));
    await uploadFromMenu({ menuItemId: MENU.details, tabId: TAB, frameId: 0, src: 'https://page.example/a.png', pageUrl: 'https://page.example/' }, Promise.resolve(false));
    await nextTurn();
    expect(unhandled).toEqual([]);
    expect(toasts).toEqual([{ kind: 'failed', message: 'No window can open here.' }]);
  });

  it('opens the details window with the picture found in the page', async () => {
    fakePage({ ok: true, src: 'https://page.example/bg.png' });
    const create = vi.spyOn(fakeBrowser.windows, 'create').mockResolvedValue({} as never);
    await uploadFromMenu({ menuItemId: MENU.details, tabId: TAB, frameId: 2, pageUrl: 'https://page.example/' }, Promise.resolve(false));
    const url = new URL(String(create.mock.calls[0]![0]!.url), 'http://x/');
    expect(JSON.parse(url.searchParams.get('details')!)).toEqual({ tabId: TAB, frameId: 2, src: 'https://page.example/bg.png', pageUrl: 'https://page.example/' });
  });

  it('shows nothing when the person cancelled the pick (Esc)', async () => {
    const toasts = fakePage({ ok: false, cancelled: true });
    const create = vi.spyOn(fakeBrowser.windows, 'create');
    await uploadFromMenu({ menuItemId: MENU.background, tabId: TAB, frameId: 0 }, Promise.resolve(false));
    expect(toasts).toEqual([]);
    expect(create).not.toHaveBeenCalled();
  });

  it('shows why when no picture was found, whatever the words are', async () => {
    // A message that reads "cancelled" is a message like any other, not a signal.
    for (const message of ['No picture there.', 'cancelled']) {
      const toasts = fakePage({ ok: false, message });
      await uploadFromMenu({ menuItemId: MENU.background, tabId: TAB, frameId: 0 }, Promise.resolve(false));
      expect(toasts).toEqual([{ kind: 'info', message }]);
    }
  });
});
