/**
 * Creates the right-click entries: on images and image links, "Upload to Glean" and the
 * "Upload to Glean as" presets; anywhere else, "Upload background image to Glean"; everywhere,
 * "Upload screenshot to Glean" with its three kinds.
 */
import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import { hasContextMenus } from './capabilities';
import { IMAGE_LINK_PATTERNS, LINK_SUFFIX, MENU, PRESETS, profileTitle, SHOT_ENTRIES, SHOT_MENU } from './menu-actions';

type CreateProps = Parameters<typeof browser.contextMenus.create>[0];

function create(props: CreateProps): Promise<void> {
  return new Promise((resolve) => {
    browser.contextMenus.create(props, () => {
      // A duplicate id after a quick restart is harmless; read lastError so it is not reported.
      void browser.runtime.lastError;
      resolve();
    });
  });
}

/** Builds the menu afresh (removing what an earlier start left), with the current user id. */
export async function createMenus(userId: string): Promise<void> {
  if (!hasContextMenus()) return;
  await browser.contextMenus.removeAll();
  // The same entries twice: on images (any address), and on links whose address looks like an
  // image (a filter on images would hide the entries for addresses without a file extension).
  const targets = [
    { suffix: '', contexts: ['image'] as CreateProps['contexts'] },
    { suffix: LINK_SUFFIX, contexts: ['link'] as CreateProps['contexts'], targetUrlPatterns: IMAGE_LINK_PATTERNS },
  ];
  for (const { suffix, ...on } of targets) {
    await create({ id: MENU.upload + suffix, title: t('menu_upload'), ...on });
    await create({ id: MENU.uploadAs + suffix, title: t('menu_uploadAs'), ...on });
    for (const preset of PRESETS) {
      const title = preset.type === 'USER' ? profileTitle(userId) : t(preset.title);
      await create({ id: preset.id + suffix, parentId: MENU.uploadAs + suffix, title, ...on });
    }
    await create({ id: `${MENU.uploadAs}-sep${suffix}`, parentId: MENU.uploadAs + suffix, type: 'separator', ...on });
    await create({ id: MENU.details + suffix, parentId: MENU.uploadAs + suffix, title: t('menu_uploadWithDetails'), ...on });
  }
  await create({ id: MENU.background, title: t('menu_uploadBackground'), contexts: ['page', 'frame'] });
  const anywhere: CreateProps['contexts'] = ['all'];
  await create({ id: SHOT_MENU, title: t('menu_shot'), contexts: anywhere });
  for (const entry of SHOT_ENTRIES) await create({ id: entry.id, parentId: SHOT_MENU, title: t(entry.title), contexts: anywhere });
}

/** Keeps the profile entry's title in step with "Your user ID". */
export async function updateProfileTitle(userId: string): Promise<void> {
  if (!hasContextMenus()) return;
  for (const id of [PRESETS[0]!.id, PRESETS[0]!.id + LINK_SUFFIX]) {
    await browser.contextMenus.update(id, { title: profileTitle(userId) }).catch(() => undefined);
  }
}
