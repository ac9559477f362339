/**
 * Reaching into a tab when the user acts: list its images, or have the injected page part read an
 * image the page itself may read. Pages that extensions may not touch get a plain refusal.
 */
import { browser } from 'wxt/browser';
import type { FindImageReply, PageToolRequest, ReadImageReply } from '../content/page-tools-protocol';
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import { collectPageImages } from '../page-images/collect';
import type { PageImage } from '../page-images/types';

const PAGE_TOOLS = '/content-scripts/page-tools.js';

function unreachable(): GleanError {
  return new GleanError('invalid-input', t('bg_pageClosed'));
}

/** Every frame's displayed images, duplicates (same URL) merged. */
export async function listTabImages(tabId: number): Promise<PageImage[]> {
  const results = await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, func: collectPageImages })
    .catch(() => {
      throw unreachable();
    });
  const merged = new Map<string, PageImage>();
  for (const frame of results) {
    for (const image of (frame.result as Omit<PageImage, 'frameId'>[] | undefined) ?? []) {
      if (!merged.has(image.src)) merged.set(image.src, { ...image, frameId: frame.frameId ?? 0 });
    }
  }
  return [...merged.values()];
}

/** Asks the page part in a frame, injecting it first when it is not there yet. */
export async function askPage<T>(tabId: number, frameId: number, request: PageToolRequest): Promise<T | undefined> {
  try {
    return (await browser.tabs.sendMessage(tabId, request, { frameId })) as T | undefined;
  } catch {
    // Nobody listening: the page part is not in this frame yet.
  }
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_TOOLS] }).catch(() => {
    throw unreachable();
  });
  return (await browser.tabs.sendMessage(tabId, request, { frameId })) as T | undefined;
}

/** Asks the page part in one frame to read an image with the page's own access. */
export async function readInPage(tabId: number, frameId: number, src: string, capBytes: number): Promise<ReadImageReply> {
  return (await askPage<ReadImageReply>(tabId, frameId, { tool: 'read-image', src, capBytes })) ?? { ok: false, message: t('bg_pageNoAnswer') };
}

/** Asks the page part for the picture the person pointed at (Firefox names it; Chrome asks for a click). */
export async function findInPage(tabId: number, frameId: number, targetElementId?: number): Promise<FindImageReply> {
  const request: PageToolRequest = { tool: 'find-image', ...(targetElementId !== undefined ? { targetElementId } : {}) };
  return (await askPage<FindImageReply>(tabId, frameId, request)) ?? { ok: false, message: t('bg_pageNoAnswer') };
}
