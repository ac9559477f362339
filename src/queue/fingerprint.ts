import type { ImageMetadataFields } from '../glean/types';

/** The SHA-256 of the bytes plus the metadata and act-as: the same upload twice has the same print. */
export function fingerprint(sha256: string, metadata: ImageMetadataFields, actAs?: string): string {
  const meta = [metadata.type, metadata.id ?? '', metadata.ds ?? '', metadata.cid ?? '', actAs ?? ''].map(encodeURIComponent).join('&');
  return `${sha256}:${meta}`;
}
