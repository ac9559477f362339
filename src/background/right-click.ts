/**
 * "Upload to Glean" from the right-click menu: find the picture's bytes by the first way allowed,
 * put them in the queue, and keep the person informed in the page (or by the badge where the page
 * cannot show anything).
 */
import { browser } from 'wxt/browser';
import { loadUploadPreferences } from '../db/preferences';
import { loadSettings } from '../db/settings';
import { toErrorInfo } from '../glean/errors';
import type { ToastState } from '../content/page-tools-protocol';
import type { HistoryEntry } from '../history/types';
import { t } from '../i18n/t';
import { acquireImage } from './acquire-image';
import { menuChoice, shotKind } from './menu-actions';
import { start as startShot } from './screenshot-flow';
import { askPage, findInPage } from './page-access';
import { markTab, toastForJob } from './toast-relay';
import { offerShow } from './toast-offers';
import { enqueueBytes } from './upload-handlers';

/** What the browser tells about a menu click, reduced to what the upload needs. */
export interface MenuClick {
  menuItemId: string;
  tabId: number;
  frameId: number;
  pageUrl?: string;
  /** The image's address (image entries) or the link's (image-link entries); none for backgrounds. */
  src?: string;
  /** Firefox only: the element the menu was opened on. */
  targetElementId?: number;
}

/**
 * The pattern for an image's site when it is not the tab's own site: the click's activeTab grant
 * covers only the top page's origin, so an image (or a frame) from elsewhere needs its site.
 */
export function imageSitePattern(src: string | undefined, pageUrl: string | undefined): string | null {
  if (!src) return null;
  try {
    const image = new URL(src);
    if (image.protocol !== 'http:' && image.protocol !== 'https:') return null;
    if (pageUrl && new URL(pageUrl).origin === image.origin) return null;
    return `${image.protocol}//${image.hostname}/*`;
  } catch {
    return null;
  }
}

/** Shows a toast, or where the page cannot show one (browser pages, stores), marks the tab's badge. */
async function toast(tabId: number, state: ToastState): Promise<void> {
  if (state.kind === 'done') offerShow(tabId, state.jobId);
  const shown = await askPage(tabId, 0, { tool: 'toast', toast: state }).catch(() => false);
  if (!shown) await markTab(tabId, state);
}

function earlierToast(entry: HistoryEntry): ToastState | null {
  const summary = { id: entry.id, state: 'done' as const, metadata: entry.metadata, source: entry.fileName ? { fileName: entry.fileName } : {}, result: { url: entry.url, key: entry.key } };
  const done = toastForJob(summary as Parameters<typeof toastForJob>[0]);
  return done?.kind === 'done' ? { ...done, title: t('toast_alreadyInGlean') } : null;
}

/** The whole flow after a click; `siteAsked` is the permission request made inside the click. */
export async function uploadFromMenu(click: MenuClick, siteAsked: Promise<boolean>): Promise<void> {
  // Every step is awaited inside the try: a rejection anywhere ends in the failure toast below.
  try {
    const [settings, prefs] = await Promise.all([loadSettings(), loadUploadPreferences()]);
    const choice = menuChoice(click.menuItemId, prefs, settings.userId);
    if (choice.action === 'none') return;
    if (choice.action === 'message') {
      await toast(click.tabId, { kind: 'info', message: choice.message });
      return;
    }
    let src = click.src;
    if (!src) {
      const found = await findInPage(click.tabId, click.frameId, click.targetElementId);
      if (!found.ok) {
        if (!('cancelled' in found)) await toast(click.tabId, { kind: 'info', message: found.message });
        return;
      }
      src = found.src;
    }
    if (choice.action === 'details') {
      await openDetails({ tabId: click.tabId, frameId: click.frameId, src, pageUrl: click.pageUrl ?? '' });
      return;
    }
    // Awaited: it injects the page part, and the queue's later news must not overtake it.
    await toast(click.tabId, { kind: 'progress', text: t('toast_gettingImage') });
    const ref = { tabId: click.tabId, frameId: click.frameId, src };
    let acquired = await acquireImage(ref, prefs.capBytes);
    if ('needsOrigin' in acquired && (await siteAsked)) acquired = await acquireImage(ref, prefs.capBytes);
    if ('needsOrigin' in acquired) {
      const site = acquired.needsOrigin.replace('/*', '');
      await toast(click.tabId, { kind: 'failed', message: t('toast_siteNotAllowed', site) });
      return;
    }
    const source = { srcUrl: src.startsWith('data:') ? 'data: URL' : src, tabId: click.tabId, ...(click.pageUrl ? { pageUrl: click.pageUrl } : {}) };
    const result = await enqueueBytes(acquired.bytes, { metadata: choice.metadata }, source);
    if (result.status === 'duplicate') {
      const state = earlierToast(result.earlier);
      if (state) await toast(click.tabId, state);
    }
    // A queued job's progress reaches the toast through the queue's events (toast-relay.ts).
  } catch (e) {
    // The last word: when even this cannot be shown (the tab closed), there is nobody to tell.
    await toast(click.tabId, { kind: 'failed', message: toErrorInfo(e).message }).catch(() => undefined);
  }
}

/** "Upload with details…": an extension window prefilled with the image, its page and the defaults. */
export async function openDetails(target: { tabId: number; frameId: number; src: string; pageUrl: string }): Promise<void> {
  const url = browser.runtime.getURL(`/popup.html?details=${encodeURIComponent(JSON.stringify(target))}`);
  await browser.windows.create({ url, type: 'popup', width: 440, height: 680 });
}

/** The menus.onClicked listener: asks for the image's site inside the click, then uploads. */
export function onMenuClicked(info: { menuItemId: string | number; srcUrl?: string; linkUrl?: string; pageUrl?: string; frameUrl?: string; frameId?: number; targetElementId?: number }, tab?: { id?: number; windowId?: number; url?: string }): void {
  // Screenshots ask for no site: the click's activeTab grant is all a capture needs.
  const kind = shotKind(String(info.menuItemId));
  if (kind) {
    if (tab?.id !== undefined && tab.id >= 0) startShot({ ...tab, id: tab.id }, kind);
    return;
  }
  const src = info.srcUrl ?? info.linkUrl;
  const pattern = imageSitePattern(src, info.pageUrl);
  // First thing, synchronously: browsers accept a permission request only inside the click.
  const siteAsked = pattern ? browser.permissions.request({ origins: [pattern] }).catch(() => false) : Promise.resolve(false);
  if (tab?.id === undefined || tab.id < 0) return;
  void uploadFromMenu(
    {
      menuItemId: String(info.menuItemId),
      tabId: tab.id,
      frameId: info.frameId ?? 0,
      ...(src ? { src } : {}),
      ...(info.pageUrl ? { pageUrl: info.pageUrl } : {}),
      ...(info.targetElementId !== undefined ? { targetElementId: info.targetElementId } : {}),
    },
    siteAsked,
  );
}
