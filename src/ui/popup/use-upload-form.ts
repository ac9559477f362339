/**
 * The upload form shared by the Upload tab, This page and the "Upload with details…" window: its
 * metadata and processing, the problems it shows, and the check made before anything is sent.
 */
import { useState } from 'preact/hooks';
import type { UploadOptions } from '../../messaging/protocol';
import type { PublicSettings } from '../../settings/types';
import { checkMetadata, initialMetadata, uploadOptionsFrom, type MetadataDraft, type MetadataErrors } from './metadata';
import { DEFAULT_PROCESSING, processingOptions, type ProcessingDraft } from './processing-form';

export interface UploadFormOptions {
  /** The prefix of the form's element ids (MetadataForm's `idPrefix`), to focus a field by. */
  idPrefix: string;
  /** Called when the check finds problems (they are marked on their fields, the first focused). */
  onInvalid: () => void;
}

/** State and check of one upload form; spread `metadataProps` and `processingProps` on the forms. */
export function useUploadForm(settings: Pick<PublicSettings, 'tokenType' | 'actAs'>, { idPrefix, onInvalid }: UploadFormOptions) {
  const global = settings.tokenType === 'global';
  const [metadata, setMetadata] = useState<MetadataDraft>(() => initialMetadata(settings));
  const [processing, setProcessing] = useState<ProcessingDraft>(DEFAULT_PROCESSING);
  const [errors, setErrors] = useState<MetadataErrors>({});

  /** Edits the form; problems already shown are checked again, so a fixed field loses its message. */
  const edit = (next: MetadataDraft) => {
    setMetadata(next);
    if (Object.keys(errors).length) setErrors(checkMetadata(next, global));
  };

  /** The form as upload options, or null with the problems shown and the first one focused. */
  function checkedOptions(insist = false): UploadOptions | null {
    const problems = checkMetadata(metadata, global);
    setErrors(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      onInvalid();
      document.getElementById(`${idPrefix}-${first}`)?.focus();
      return null;
    }
    const process = processingOptions(processing, metadata.type === 'USER');
    return { ...uploadOptionsFrom(metadata, global), ...(process ? { processing: process } : {}), ...(insist ? { insist } : {}) };
  }

  return {
    global,
    metadata,
    /** Replaces the whole draft (a prefill), clearing the problems shown. */
    prefill(next: MetadataDraft) {
      setMetadata(next);
      setErrors({});
    },
    checkedOptions,
    metadataProps: { idPrefix, value: metadata, onChange: edit, errors, showActAs: global },
    processingProps: { idPrefix, value: processing, onChange: setProcessing, squareCropOffered: metadata.type === 'USER' },
  };
}
