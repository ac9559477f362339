/** The metadata an upload carries, as the form holds it, and the checks made before sending. */
import { t, tCount, type MessageKey } from '../../i18n/t';
import { IMAGE_TYPES, type ImageMetadataFields, type ImageType } from '../../glean/types';
import { LIMITS, type UploadOptions } from '../../messaging/protocol';
import type { PublicSettings } from '../../settings/types';
import { isEmail } from '../../settings/validate';

export interface MetadataDraft {
  type: ImageType;
  id: string;
  ds: string;
  cid: string;
  /** Shown and sent only with a global token. */
  actAs: string;
}

export type MetadataField = keyof MetadataDraft;
export type MetadataErrors = Partial<Record<MetadataField, string>>;

/** One line per type on what ID, Datasource and Content ID mean for it (message keys). */
export const TYPE_HINTS = {
  BACKGROUND: 'popup_hintBackground',
  FEEDBACK: 'popup_hintFeedback',
  HEADER: 'popup_hintHeader',
  ICON: 'popup_hintIcon',
  LOGO: 'popup_hintLogo',
  UGC: 'popup_hintUgc',
  USER: 'popup_hintUser',
} as const satisfies Record<ImageType, MessageKey>;

/**
 * Types whose uploads are refused without an ID: only USER, whose ID says whose profile picture it
 * is. A UGC image without one is what the API allows and the right-click upload sends; it is then
 * found by its key (the type's hint says what an ID adds).
 */
const NEEDS_ID: ReadonlySet<ImageType> = new Set<ImageType>(['USER']);

export const TYPE_OPTIONS = IMAGE_TYPES;

/** A fresh form. Not USER: a slip there would replace someone's profile picture. */
export function initialMetadata(settings: Pick<PublicSettings, 'actAs'>): MetadataDraft {
  return { type: 'UGC', id: '', ds: '', cid: '', actAs: settings.actAs };
}

/** Checks the form; an empty object means it may be sent. */
export function checkMetadata(draft: MetadataDraft, global: boolean): MetadataErrors {
  const errors: MetadataErrors = {};
  if (NEEDS_ID.has(draft.type) && !draft.id.trim()) {
    errors.id = t('popup_userNeedsId');
  }
  for (const field of ['id', 'ds', 'cid'] as const) {
    if (draft[field].trim().length > LIMITS.fieldLength) errors[field] = tCount('popup_fieldTooLong', LIMITS.fieldLength);
  }
  if (global) {
    const actAs = draft.actAs.trim();
    if (!actAs) errors.actAs = t('popup_actAsMissing');
    else if (!isEmail(actAs)) errors.actAs = t('popup_actAsInvalid', actAs);
  }
  return errors;
}

/** The metadata to send: trimmed, empty fields left out. */
export function metadataFields(draft: Pick<MetadataDraft, 'type' | 'id' | 'ds' | 'cid'>): ImageMetadataFields {
  const fields: ImageMetadataFields = { type: draft.type };
  for (const name of ['id', 'ds', 'cid'] as const) {
    const value = draft[name].trim();
    if (value) fields[name] = value;
  }
  return fields;
}

/** Metadata plus act-as, in the shape the upload messages take. */
export function uploadOptionsFrom(draft: MetadataDraft, global: boolean): Pick<UploadOptions, 'metadata' | 'actAs'> {
  return global ? { metadata: metadataFields(draft), actAs: draft.actAs.trim() } : { metadata: metadataFields(draft) };
}
