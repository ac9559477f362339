/**
 * The right-click entries and what each one uploads as. Pure: the menu ids, their titles and the
 * metadata they map to, so the mapping is tested without a browser.
 */
import type { ImageMetadataFields, ImageType } from '../glean/types';
import { t, type MessageKey } from '../i18n/t';
import type { UploadPreferences } from '../settings/upload-preferences';
import type { CaptureKind } from '../screenshots/preferences';

export const MENU = {
  upload: 'glean-upload',
  uploadAs: 'glean-upload-as',
  details: 'glean-upload-details',
  background: 'glean-upload-background',
} as const;

/** "Upload screenshot to Glean" and its three kinds, on any part of a page. */
export const SHOT_MENU = 'glean-shot';
export const SHOT_ENTRIES: ReadonlyArray<{ id: string; kind: CaptureKind; title: MessageKey }> = [
  { id: 'glean-shot-visible', kind: 'visible', title: 'menu_shotVisible' },
  { id: 'glean-shot-region', kind: 'region', title: 'menu_shotRegion' },
  { id: 'glean-shot-page', kind: 'page', title: 'menu_shotPage' },
];

/** The capture kind of a screenshot entry, or undefined for every other entry. */
export function shotKind(menuItemId: string): CaptureKind | undefined {
  return SHOT_ENTRIES.find((e) => e.id === menuItemId)?.kind;
}

/** Entries on image links carry this suffix; they act like the same entries on images. */
export const LINK_SUFFIX = '-link';

/** The presets under "Upload to Glean as", in menu order; `title` is the message key of the entry. */
export const PRESETS: ReadonlyArray<{ id: string; type: ImageType; title: MessageKey }> = [
  { id: 'glean-as-user', type: 'USER', title: 'menu_profilePicture' },
  { id: 'glean-as-background', type: 'BACKGROUND', title: 'menu_background' },
  { id: 'glean-as-header', type: 'HEADER', title: 'menu_header' },
  { id: 'glean-as-logo', type: 'LOGO', title: 'menu_logo' },
  { id: 'glean-as-icon', type: 'ICON', title: 'menu_icon' },
  { id: 'glean-as-feedback', type: 'FEEDBACK', title: 'menu_feedback' },
];

/** The profile-picture entry's title, saying what to set while "Your user ID" is empty. */
export function profileTitle(userId: string): string {
  return userId ? t('menu_profilePicture') : t('menu_profilePictureNeedsUserId');
}

/** Links whose address ends like an image file. */
export const IMAGE_LINK_PATTERNS = ['png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico'].flatMap((ext) => [
  `*://*/*.${ext}`,
  `*://*/*.${ext}?*`,
  `*://*/*.${ext.toUpperCase()}`,
  `*://*/*.${ext.toUpperCase()}?*`,
]);

/** What a click means: upload with this metadata, open the details window, or a message instead. */
export type MenuChoice =
  | { action: 'upload'; metadata: ImageMetadataFields }
  | { action: 'details'; metadata: ImageMetadataFields }
  | { action: 'message'; message: string }
  | { action: 'none' };

/** Maps a menu id to what it uploads, from the user's defaults and "Your user ID". */
export function menuChoice(menuItemId: string, prefs: Pick<UploadPreferences, 'defaultType' | 'defaultMetadata'>, userId: string): MenuChoice {
  if (menuItemId.endsWith(LINK_SUFFIX)) menuItemId = menuItemId.slice(0, -LINK_SUFFIX.length);
  const defaults: ImageMetadataFields = { type: prefs.defaultType, ...prefs.defaultMetadata };
  if (menuItemId === MENU.upload || menuItemId === MENU.background) return { action: 'upload', metadata: defaults };
  if (menuItemId === MENU.details) return { action: 'details', metadata: defaults };
  const preset = PRESETS.find((p) => p.id === menuItemId);
  if (!preset) return { action: 'none' };
  if (preset.type !== 'USER') return { action: 'upload', metadata: { type: preset.type } };
  if (!userId) return { action: 'message', message: t('menu_profileNeedsUserId') };
  return { action: 'upload', metadata: { type: 'USER', id: userId } };
}
