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
 * Who issued an OAuth access token: Glean's own authorization server (Glean knows its tokens by
 * their issuer) or an external identity provider such as Okta or Entra ID (Glean needs
 * `X-Glean-Auth-Type: OAUTH` to look the token up there instead of among its API tokens).
 */
export type OAuthIssuer = 'glean' | 'external';

/**
 * How a request authenticates. `user`: a user-scoped token, never act-as.
 * `global`: a global token, always act-as. `oauth`: an OAuth access token, with who issued it.
 */
export type GleanAuth =
  | { kind: 'user'; token: string }
  | { kind: 'global'; token: string; actAs: string }
  | { kind: 'oauth'; token: string; issuedBy: OAuthIssuer };
