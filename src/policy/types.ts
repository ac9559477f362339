/**
 * Configuration an organisation sets through browser policy (Chrome's managed storage, Firefox's
 * policies.json → 3rdparty → Extensions), as the extension uses it once checked. The keys an admin
 * writes are in public/managed_schema.json and the README's admin guide.
 */
import type { ImageMetadataFields, ImageType } from '../glean/types';
import type { OAuthConfig } from '../settings/types';

/** The sign-in the organisation chose: OAuth with its client settings, or pasted API tokens. */
export type PolicySignIn = { method: 'oauth'; oauth: OAuthConfig } | { method: 'token' };

/** The groups of settings a policy can set; with LockSettings each one it sets is read-only. */
export type PolicyField = 'backend' | 'signIn' | 'sites' | 'everywhere' | 'rightClick' | 'capBytes';

/** A checked policy: only the values that were well-formed are present. */
export interface Policy {
  /** BaseUrl, normalised to the API base. */
  apiBase?: string;
  signIn?: PolicySignIn;
  /** ShowImagesOnSites, as `scheme://host`. */
  sites?: string[];
  /** ShowImagesOnEverySite. */
  everywhere?: boolean;
  /** RightClickType and RightClickMetadata, together. */
  rightClick?: { type: ImageType; metadata: Omit<ImageMetadataFields, 'type'> };
  /** MaxUploadSizeMB, in bytes. */
  capBytes?: number;
  /** LockSettings: users may not change what the policy sets. */
  lock: boolean;
}

/** A policy value that was ignored, and why in words. */
export interface PolicyNote {
  key: string;
  message: string;
}

/** What the options page learns about the policy. */
export interface PolicyView {
  /** The groups the policy sets. */
  set: PolicyField[];
  lock: boolean;
  /** The sites the policy names (they cannot be removed while locked). */
  sites: string[];
  notes: PolicyNote[];
}
