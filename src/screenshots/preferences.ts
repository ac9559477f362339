/** How screenshots behave; the options page's "Screenshots" section edits these. */
import type { ImageType } from '../glean/types';
import type { ShotFormat } from './compose';

/** What is put on the clipboard by itself once a screenshot is uploaded (from the editor window). */
export type AutoCopy = 'none' | 'url' | 'markdown';

export interface ScreenshotPreferences {
  /** The type the editor preselects and "capture and upload at once" sends. */
  type: ImageType;
  /** Skip the editor: capture and upload at once. */
  uploadAtOnce: boolean;
  autoCopy: AutoCopy;
  format: ShotFormat;
  /** 0..1, for JPEG and WebP. */
  quality: number;
}

export const DEFAULT_SCREENSHOT_PREFERENCES: ScreenshotPreferences = {
  type: 'FEEDBACK',
  uploadAtOnce: false,
  autoCopy: 'none',
  format: 'png',
  quality: 0.9,
};

/** The three kinds of capture. */
export const CAPTURE_KINDS = ['visible', 'region', 'page'] as const;
export type CaptureKind = (typeof CAPTURE_KINDS)[number];
