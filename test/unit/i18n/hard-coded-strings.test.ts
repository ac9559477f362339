/**
 * No component or message holds English a user would read: it all comes from the locales.
 * The few strings below look like words but are protocol, file signatures or names that are
 * the same in every language.
 */
import { describe, expect, it } from 'vitest';
import { TOAST_CSS } from '../../../src/content/toast-style';
import { REGION_CSS } from '../../../src/content/region-style';
import { hardCodedStrings, sourceFiles } from './source-strings';

// A format's own name, the same in every language (PNG and JPEG are not words to the check).
const FORMAT_NAME = 'WebP';

// file -> exact strings allowed there, each with why.
const ALLOWED: Record<string, string[]> = {
  // CSS for the toast's shadow root.
  'src/content/toast-style.ts': [TOAST_CSS],
  // CSS for the region selection's shadow root.
  'src/content/region-style.ts': [REGION_CSS],
  // HTTP's Authorization scheme.
  'src/glean/request.ts': ['Bearer '],
  // OAuth scope names: protocol, and shown as code in the Scopes hint.
  'src/oauth/config.ts': ['openid email profile offline_access'],
  'src/ui/options/oauth-section.tsx': ['openid email profile'],
  // The HTML that "Copy HTML" puts on the clipboard.
  'src/history/copy-formats.ts': ['<img src="'],
  // HTML tag names the text sniffer looks for.
  'src/images/sniff-text.ts': ['html head body meta title script style link div p span a table h1 h2 h3 br img iframe noscript center pre form'],
  // Video formats' own names, filled into a translated refusal as $1.
  'src/images/sniff.ts': ['QuickTime', 'WebM'],
  'src/images/types.ts': [FORMAT_NAME],
  'src/ui/components/format-options.tsx': [FORMAT_NAME],
  'src/ui/popup/format.ts': [FORMAT_NAME],
  'src/ui/popup/processing-defaults.ts': [FORMAT_NAME],
  // Thrown only inside render() and always turned into a translated note by processImage().
  'src/images/process.ts': ['the canvas produced no image'],
  // A programming error no user input reaches: the settings schema bounds the cap.
  'src/images/read-capped.ts': ['bad size cap '],
  // Policy key names, which admins write as they are (public/managed_schema.json), named in the notes.
  'src/policy/parse.ts': ['BaseUrl', 'SignInMethod', 'ShowImagesOnSites', 'RightClickType', 'RightClickMetadata', 'LockSettings', 'ShowImagesOnEverySite', 'MaxUploadSizeMB'],
  // A programming error no user input reaches: two features answering one message (handler-map.test.ts).
  'src/background/handler-map.ts': ['Two handlers for the message "'],
  // DataTransfer's type for dropped files.
  'src/ui/popup/file-picker.tsx': ['Files'],
};

const files = sourceFiles();
const found = files.flatMap(hardCodedStrings);

describe('user-visible strings', () => {
  it('finds what it looks for (guards the scanner)', () => {
    const texts = hardCodedStrings('test/unit/i18n/fixture-hard-coded.tsx').map((f) => f.text);
    expect(texts.sort()).toEqual(['Close', 'Save the picture', 'Try again in ', 'Upload', 'size unknown']);
  });

  it('come from the locales, not from literals in code', () => {
    const bad = found.filter((f) => !ALLOWED[f.file]?.includes(f.text)).map((f) => `${f.file}:${f.line} ${JSON.stringify(f.text)}`);
    expect(bad).toEqual([]);
  });

  it('the allowed list has no stale entries', () => {
    const stale = Object.entries(ALLOWED).flatMap(([file, texts]) => texts.filter((text) => !found.some((f) => f.file === file && f.text === text)).map((text) => `${file} ${text}`));
    expect(stale).toEqual([]);
  });
});
