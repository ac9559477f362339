import type { ImageMetadataFields } from '../glean/types';

/** SHA-256 of the bytes plus the metadata and act-as: the same upload twice has the same print. */
export async function fingerprint(bytes: Blob, metadata: ImageMetadataFields, actAs?: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await bytes.arrayBuffer());
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const meta = [metadata.type, metadata.id ?? '', metadata.ds ?? '', metadata.cid ?? '', actAs ?? ''].map(encodeURIComponent).join('&');
  return `${hex}:${meta}`;
}
