/** The metadata an upload carries, as the form holds it, and the checks made before sending. */
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

/** One line per type on what ID, Datasource and Content ID mean for it. */
export const TYPE_HINTS: Record<ImageType, string> = {
  BACKGROUND: 'A background image. ID, Datasource and Content ID are optional; use them to tell several apart.',
  FEEDBACK: 'An image for feedback. ID: what the feedback is about, if anything; Content ID tells several apart.',
  HEADER: 'A header or banner. ID and Datasource: what it belongs to, if anything; Content ID tells several apart.',
  ICON: 'ID is the doctype; Datasource is the datasource instance; Content ID is optional.',
  LOGO: 'A logo. ID: whose logo (e.g. a datasource); Datasource optional; Content ID tells variants apart.',
  UGC: 'ID is the content id; Datasource is the UGC datasource; Content ID tells a thumbnail from a content image.',
  USER: 'ID is the user id; Datasource is empty, or the datasource the picture is for.',
};

/** Types whose images cannot be addressed without an ID. */
const NEEDS_ID: ReadonlySet<ImageType> = new Set<ImageType>(['USER', 'UGC']);

export const TYPE_OPTIONS = IMAGE_TYPES;

/** A fresh form. Not USER: a slip there would replace someone's profile picture. */
export function initialMetadata(settings: Pick<PublicSettings, 'actAs'>): MetadataDraft {
  return { type: 'UGC', id: '', ds: '', cid: '', actAs: settings.actAs };
}

/** Checks the form; an empty object means it may be sent. */
export function checkMetadata(draft: MetadataDraft, global: boolean): MetadataErrors {
  const errors: MetadataErrors = {};
  if (NEEDS_ID.has(draft.type) && !draft.id.trim()) {
    errors.id = draft.type === 'USER' ? 'A profile picture (USER) needs the user ID.' : 'A UGC image needs the content ID.';
  }
  for (const field of ['id', 'ds', 'cid'] as const) {
    if (draft[field].trim().length > LIMITS.fieldLength) errors[field] = `At most ${LIMITS.fieldLength} characters.`;
  }
  if (global) {
    const actAs = draft.actAs.trim();
    if (!actAs) errors.actAs = 'A global token acts for someone: enter their e-mail.';
    else if (!isEmail(actAs)) errors.actAs = `"${actAs}" is not an e-mail address.`;
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
