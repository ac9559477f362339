/**
 * The one list of messages the background answers: who may send each, what it carries and what
 * comes back. Content scripts import this file too, so it holds types and plain data only; the
 * schemas that check payloads live in ./schemas.ts, which only the background imports.
 */
import type { ImageBytes, ImageMetadataFields, ImageQuery } from '../glean/types';
import type { FieldError, SettingsDraft } from '../settings/validate';
import type { PublicSettings } from '../settings/types';
import type { UploadPreferences } from '../settings/upload-preferences';
import type { OAuthSignInRequest } from '../oauth/config';
import type { HistoryEntry } from '../history/types';
import type { ProcessingOptions } from '../images/types';
import type { PageImage } from '../page-images/types';
import type { PolicyView } from '../policy/types';
import type { JobSource, JobSummary, QueueCounts, QueuePause } from '../queue/types';
import type { Rect } from '../screenshots/geometry';
import type { CaptureKind, ScreenshotPreferences } from '../screenshots/preferences';

/** Who may send a message: the extension's own pages (popup, options), or a content script in a tab. */
export type SenderKind = 'page' | 'content';

/** The outcome of "Test connection", in words the options page shows as they are. */
export interface ConnectionReport {
  ok: boolean;
  /** connected | unauthorized | unreachable | rate-limited | invalid | error */
  outcome: 'connected' | 'unauthorized' | 'unreachable' | 'rate-limited' | 'invalid' | 'error';
  message: string;
  /** The API base that was tried, so a wrong address is visible. */
  triedUrl?: string;
  retryAfterSeconds?: number;
}

/** A Glean image of a tab that did not show, and why in words. */
export interface PageImageProblem {
  url: string;
  error: ErrorInfo;
}

/** What the popup's "This page" tab shows about a tab's Glean images. */
export interface PageImageReport {
  /** Whether Glean images show on this tab's site at all. */
  enabled: boolean;
  /** Images the browser loaded with the token since the tab's page loaded. */
  shown: number;
  problems: PageImageProblem[];
}

/** What accepting an upload gives: a job in the queue, or the earlier identical upload. */
export type EnqueueResult = { status: 'queued'; job: JobSummary } | { status: 'duplicate'; earlier: HistoryEntry };

/** One upload request from a page: bytes, or an image on a tab for the background to fetch. */
export interface UploadOptions {
  metadata: ImageMetadataFields;
  /** With a global token: who the upload acts for (defaults to the saved "Act as"). */
  actAs?: string;
  processing?: ProcessingOptions;
  /** Upload even when the same bytes and metadata were uploaded before. */
  insist?: boolean;
  /**
   * The page's id for this hand-over (a UUID). Sent again with the same id, after the background
   * went away before answering, it is the same upload: its job, or its result once done.
   */
  handoverId?: string;
}

/** One image of a tab upload: queued, a duplicate, or refused (with the site to allow, if that would help). */
export type TabUploadResult =
  | (EnqueueResult & { src: string })
  | { status: 'refused'; src: string; error: ErrorInfo; needsOrigin?: string };

/** The queue as the popup shows it. */
export interface QueueStatus {
  jobs: JobSummary[];
  counts: QueueCounts;
  pause: QueuePause | null;
}

/** The queue's word that a job changed, with the counts and pause as they are then. */
export interface QueueEvent {
  event: 'queue.changed';
  job: JobSummary;
  counts: QueueCounts;
  pause: QueuePause | null;
}

/**
 * Sent by the background to extension pages when jobs change (not a request): every job changed
 * since the last broadcast, each as it is now, a burst's changes together (see queue-broadcast.ts).
 */
export interface QueueBroadcast {
  event: 'queue.changed';
  jobs: JobSummary[];
  counts: QueueCounts;
  pause: QueuePause | null;
}

/** A capture as the screenshot editor gets it: PNG bytes, the region's crop, a note on scaling. */
export interface CaptureView {
  bytes: ArrayBuffer;
  tabId: number;
  pageUrl?: string;
  /** In the capture's pixels: the region the person selected. */
  crop?: Rect;
  /** Said in words when the page had to be scaled to fit a picture. */
  note?: string;
}

/** An error as it crosses a message boundary: plain data, worded for people. */
export interface ErrorInfo {
  kind: string;
  message: string;
  status?: number;
  retryAfterSeconds?: number;
  fields?: FieldError[];
  /** With 'oauth-redirect-not-allowed': the redirect URL to give the Glean admin. */
  redirectUrl?: string;
}

/** Every message: its sender kind, request payload and response value. */
export interface ProtocolMap {
  'settings.get': { from: 'page'; request: null; response: PublicSettings };
  'settings.save': { from: 'page'; request: { draft: SettingsDraft; token?: string }; response: PublicSettings };
  'token.forget': { from: 'page'; request: null; response: PublicSettings };
  'connection.test': { from: 'page'; request: { draft: SettingsDraft; token?: string }; response: ConnectionReport };
  'image.get': { from: 'page'; request: { query: ImageQuery }; response: ImageBytes };
  'upload.enqueue': {
    from: 'page';
    request: UploadOptions & { bytes: ArrayBuffer | Blob; source: JobSource };
    response: EnqueueResult;
  };
  'upload.enqueueFromTab': {
    from: 'page';
    request: UploadOptions & { tabId: number; images: { src: string; frameId: number }[] };
    response: TabUploadResult[];
  };
  'upload.status': { from: 'page'; request: null; response: QueueStatus };
  'upload.retry': { from: 'page'; request: { id: string }; response: JobSummary };
  'upload.cancel': { from: 'page'; request: { id: string }; response: null };
  'history.list': { from: 'page'; request: { limit: number }; response: HistoryEntry[] };
  'history.clear': { from: 'page'; request: null; response: null };
  'tab.images': { from: 'page'; request: { tabId: number }; response: PageImage[] };
  'preferences.get': { from: 'page'; request: null; response: UploadPreferences };
  'preferences.save': { from: 'page'; request: UploadPreferences; response: UploadPreferences };
  'sites.get': { from: 'page'; request: null; response: string[] };
  'sites.set': { from: 'page'; request: { site: string; enabled: boolean }; response: string[] };
  'sites.everywhere.get': { from: 'page'; request: null; response: boolean };
  'sites.everywhere.set': { from: 'page'; request: { everywhere: boolean }; response: boolean };
  'tab.gleanImages': { from: 'page'; request: { tabId: number }; response: PageImageReport };
  /** data-glean-image-key values on a page: the answer is CSS that has the browser show them. */
  'page.keys': { from: 'content'; request: { keys: string[] }; response: { css: string } };
  'toast.retry': { from: 'content'; request: { jobId: string }; response: null };
  'toast.show': { from: 'content'; request: { jobId: string }; response: null };
  /** Stores backend and OAuth settings and signs in through the browser's sign-in window. */
  'oauth.signIn': { from: 'page'; request: OAuthSignInRequest; response: PublicSettings };
  /** Forgets the OAuth tokens (revoking them where the server offers it). */
  'oauth.signOut': { from: 'page'; request: null; response: PublicSettings };
  /** What the organisation's policy sets and locks, and the values it ignored (with why). */
  'policy.get': { from: 'page'; request: null; response: PolicyView };
  /** The popup's screenshot buttons: capture the tab, then open the editor or upload at once. */
  'screenshot.start': { from: 'page'; request: { tabId: number; kind: CaptureKind }; response: null };
  /** The editor window's capture, by the id in its address. */
  'screenshot.get': { from: 'page'; request: { id: string }; response: CaptureView };
  /** The editor's finished picture, into the upload queue (the toast follows it in `tabId`). */
  'screenshot.upload': {
    from: 'page';
    request: UploadOptions & { bytes: ArrayBuffer; fileName: string; tabId?: number; pageUrl?: string };
    response: EnqueueResult;
  };
  'screenshot.preferences.get': { from: 'page'; request: null; response: ScreenshotPreferences };
  'screenshot.preferences.save': { from: 'page'; request: ScreenshotPreferences; response: ScreenshotPreferences };
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<T extends MessageType> = ProtocolMap[T]['request'];
export type ResponseOf<T extends MessageType> = ProtocolMap[T]['response'];

/** What goes over runtime messaging. */
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: RequestOf<T>;
}

/** What comes back: a value, or an error in words. Never a thrown exception across contexts. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Who may send each message; the router refuses every other sender. */
export const SENDER_OF: { [K in MessageType]: ProtocolMap[K]['from'] } = {
  'settings.get': 'page',
  'settings.save': 'page',
  'token.forget': 'page',
  'connection.test': 'page',
  'image.get': 'page',
  'upload.enqueue': 'page',
  'upload.enqueueFromTab': 'page',
  'upload.status': 'page',
  'upload.retry': 'page',
  'upload.cancel': 'page',
  'history.list': 'page',
  'history.clear': 'page',
  'tab.images': 'page',
  'preferences.get': 'page',
  'preferences.save': 'page',
  'sites.get': 'page',
  'sites.set': 'page',
  'sites.everywhere.get': 'page',
  'sites.everywhere.set': 'page',
  'tab.gleanImages': 'page',
  'page.keys': 'content',
  'toast.retry': 'content',
  'toast.show': 'content',
  'oauth.signIn': 'page',
  'oauth.signOut': 'page',
  'policy.get': 'page',
  'screenshot.start': 'page',
  'screenshot.get': 'page',
  'screenshot.upload': 'page',
  'screenshot.preferences.get': 'page',
  'screenshot.preferences.save': 'page',
};

/** Limits shared by the content script (which batches) and the background (which checks). */
export const LIMITS = {
  keysPerResolve: 50,
  keyLength: 512,
  tokenLength: 8192,
  fieldLength: 1024,
  urlLength: 8 * 1024 * 1024,
  imagesPerBatch: 100,
  historyPage: 500,
} as const;
