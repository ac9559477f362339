/** The image types Glean documents; offered when sending. */
export const IMAGE_TYPES = ['BACKGROUND', 'FEEDBACK', 'HEADER', 'ICON', 'LOGO', 'UGC', 'USER'] as const;

/** A type we send. Values coming back from the server may be other strings (e.g. DOCUMENT_IMAGE). */
export type ImageType = (typeof IMAGE_TYPES)[number];

/** Metadata that addresses an image without its key. Empty strings are left out of requests. */
export interface ImageMetadataFields {
  type: ImageType;
  id?: string;
  ds?: string;
  cid?: string;
}

/** What GET /images takes: a key alone, or the metadata fields. */
export type ImageQuery = { key: string } | ImageMetadataFields;

/** `ImageMetadata` as the server returns it; `type` may be a value we do not know. */
export interface ImageMetadata {
  type: string;
  id?: string;
  ds?: string;
  cid?: string;
  ext?: string;
}

/** The result of an upload, with the key read from `url` when the server sent it only there. */
export interface UploadResult {
  url: string;
  key?: string;
  metadata?: ImageMetadata;
}

/** Image bytes with the content type the server gave them. */
export interface ImageBytes {
  bytes: ArrayBuffer;
  contentType: string;
}

/**
 * How a request authenticates. `user`: a user-scoped token, never act-as.
 * `global`: a global token, always act-as. `oauth`: an OAuth access token (X-Glean-Auth-Type: OAUTH).
 */
export type GleanAuth =
  | { kind: 'user'; token: string }
  | { kind: 'global'; token: string; actAs: string }
  | { kind: 'oauth'; token: string };
