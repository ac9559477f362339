/**
 * A screenshot from start to the queue: from the popup's buttons, the page's menu or a shortcut,
 * capture the kind asked for, then open the editor window or (with "capture and upload at once")
 * upload it as it is, through the same queue, history and toast as every upload.
 */
import { browser } from 'wxt/browser';
import { loadUploadPreferences } from '../db/preferences';
import { loadScreenshotPreferences } from '../db/screenshot-preferences';
import { GleanError, toErrorInfo } from '../glean/errors';
import { t } from '../i18n/t';
import type { EnqueueResult, UploadOptions } from '../messaging/protocol';
import { regionInCapture, type Rect } from '../screenshots/geometry';
import type { CaptureKind } from '../screenshots/preferences';
import type { RegionReply } from '../content/region-select';
import { shotFileName } from '../screenshots/shot-name';
import { askPage } from './page-access';
import { captureVisible, capturePage, type Capture } from './screenshot-capture';
import { keepCapture } from './screenshot-store';
import { markTab } from './toast-relay';
import { enqueueBytes } from './upload-handlers';

const REGION_SELECT = '/content-scripts/region-select.js';

/** The tab a screenshot is taken of. */
export interface ShotTab {
  id: number;
  windowId: number;
  url?: string;
}

/** Asks the page for a rectangle; null when the person pressed Esc. */
async function selectRegion(tabId: number): Promise<{ rect: Rect; viewport: { width: number; height: number } } | null> {
  // Firefox may answer the injection into its own pages without running it; then nobody listens.
  const closed = () => {
    throw new GleanError('invalid-input', t('shot_pageClosedToExtensions'));
  };
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [REGION_SELECT] }).catch(closed);
  const reply = (await browser.tabs.sendMessage(tabId, { tool: 'select-region' }, { frameId: 0 }).catch(closed)) as RegionReply | undefined;
  return reply?.ok ? reply : null;
}

/** The picture of the kind asked, with the crop a region asks for (in the capture's pixels). */
async function take(tab: ShotTab, kind: CaptureKind): Promise<(Capture & { crop?: Rect }) | null> {
  // An earlier upload's toast would be in the picture; where no page part listens, there is none.
  await browser.tabs.sendMessage(tab.id, { tool: 'hide-toast' }, { frameId: 0 }).catch(() => undefined);
  if (kind === 'page') return capturePage(tab.id, tab.windowId);
  if (kind === 'visible') return { blob: await captureVisible(tab.windowId) };
  const region = await selectRegion(tab.id);
  if (!region) return null;
  const blob = await captureVisible(tab.windowId);
  const bitmap = await createImageBitmap(blob);
  const crop = regionInCapture(region.rect, region.viewport, bitmap);
  bitmap.close();
  return { blob, crop };
}

/** The region of a capture, as PNG. */
async function cropped(blob: Blob, r: Rect): Promise<Blob> {
  const bitmap = await createImageBitmap(blob, r.x, r.y, r.width, r.height);
  const canvas = new OffscreenCanvas(r.width, r.height);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/png' });
}

/** Shows a toast in the tab, or marks its badge where no toast can show. */
async function tell(tabId: number, state: Parameters<typeof markTab>[1]): Promise<void> {
  const shown = await askPage(tabId, 0, { tool: 'toast', toast: state }).catch(() => false);
  if (!shown) await markTab(tabId, state);
}

/** Puts a finished screenshot in the queue; the toast in its tab follows the job (toast-relay.ts). */
export async function uploadShot(bytes: Blob | ArrayBuffer, options: UploadOptions, where: { tabId?: number; pageUrl?: string; fileName: string }): Promise<EnqueueResult> {
  const prefs = await loadUploadPreferences();
  // The picture is already in its format; the person's size limits still apply.
  const processing = { ...prefs.processing, format: 'keep' as const, ...options.processing };
  if (where.tabId !== undefined) await tell(where.tabId, { kind: 'progress', text: t('toast_uploading') }).catch(() => undefined);
  const source = { fileName: where.fileName, ...(where.pageUrl ? { pageUrl: where.pageUrl } : {}), ...(where.tabId !== undefined ? { tabId: where.tabId } : {}) };
  const { handoverId, ...rest } = options;
  return enqueueBytes(bytes, { ...rest, processing }, source, handoverId);
}

/** Opens the editor window on a kept capture. */
async function openEditor(id: string): Promise<void> {
  await browser.windows.create({ url: browser.runtime.getURL(`/screenshot.html?capture=${encodeURIComponent(id)}`), type: 'popup', width: 960, height: 800 });
}

/**
 * Takes a screenshot of `kind` of the tab and hands it on. Errors are thrown in words (the popup
 * shows them); `start` (shortcut, menu) shows them in the page or on the badge instead.
 */
export async function screenshot(tab: ShotTab, kind: CaptureKind): Promise<void> {
  // Browser pages, other extensions' and the stores refuse the capture or the injection, which
  // then says so in words (screenshot-capture.ts).
  const shot = await take(tab, kind);
  if (!shot) return; // Esc
  const prefs = await loadScreenshotPreferences();
  const pageUrl = tab.url ?? (await browser.tabs.get(tab.id).then((x) => x.url, () => undefined));
  if (!prefs.uploadAtOnce) {
    const id = keepCapture({ ...shot, tabId: tab.id, ...(pageUrl ? { pageUrl } : {}) });
    return openEditor(id);
  }
  const bytes = shot.crop ? await cropped(shot.blob, shot.crop) : shot.blob;
  // The PNG is converted to the chosen format by the upload's own processing.
  const processing = prefs.format === 'png' ? {} : { processing: { format: prefs.format, quality: prefs.quality } };
  await uploadShot(bytes, { metadata: { type: prefs.type }, ...processing }, { tabId: tab.id, ...(pageUrl ? { pageUrl } : {}), fileName: shotFileName(pageUrl, prefs.format) });
}

/**
 * From a shortcut or the menu: nobody waits for an answer, so a refusal is shown where it can be.
 * The tab's window and address are looked up where the event did not carry them.
 */
export function start(tab: { id: number; windowId?: number; url?: string }, kind: CaptureKind): void {
  const known = tab.windowId !== undefined ? Promise.resolve(tab) : browser.tabs.get(tab.id);
  known
    .then((found) => screenshot({ id: tab.id, windowId: found.windowId!, ...(found.url ? { url: found.url } : {}) }, kind))
    .catch((e: unknown) => void tell(tab.id, { kind: 'failed', message: toErrorInfo(e).message }));
}
