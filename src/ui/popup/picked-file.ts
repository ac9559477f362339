/** A file the user chose, dropped or pasted, with what its first bytes say it is. */
import { t } from '../../i18n/t';

export interface PickedFile {
  /** Unique within the popup, for lists. */
  key: string;
  file: File;
  name: string;
  size: number;
  /** What the bytes are, e.g. "image/png"; 'image/svg+xml' for an SVG drawing. */
  mime: string;
  svg: boolean;
  /** Why it cannot be uploaded, in words; undefined when it can. */
  refusal?: string;
  /** The size its header states; absent when the first bytes do not say (then no preview is made). */
  width?: number;
  height?: number;
}

// Enough for the header of every format but JPEG, whose EXIF and colour profile may come first.
const HEAD = 4096;
const JPEG_HEAD = 1024 * 1024;

let counter = 0;

/** Reads the head of each file and names its type from the bytes, never from the file name. */
export async function pickFiles(files: File[]): Promise<PickedFile[]> {
  // Loaded on first use: opening the popup does not pay for the format tables.
  const [{ refusalMessage, sniffImage }, { SVG_REFUSAL }, { pixelLimitMessage, readDimensions }] = await Promise.all([
    import('../../images/sniff'),
    import('../../images/sniff-text'),
    import('../../images/dimensions'),
  ]);
  return Promise.all(
    files.map(async (file) => {
      let head = new Uint8Array(await file.slice(0, HEAD).arrayBuffer());
      const sniffed = sniffImage(head);
      const key = `f${++counter}`;
      const name = file.name || t('popup_pastedImage');
      if (sniffed.ok) {
        let size = readDimensions(head, sniffed.format);
        if (!size && sniffed.format === 'jpeg') {
          head = new Uint8Array(await file.slice(0, JPEG_HEAD).arrayBuffer());
          size = readDimensions(head, sniffed.format);
        }
        const picked = { key, file, name, size: file.size, mime: sniffed.mime, svg: false, ...size };
        // Over the pixel limit, not even the preview may decode it: a small file can state a huge size.
        const overLimit = size && pixelLimitMessage(size);
        return overLimit ? { ...picked, refusal: overLimit } : picked;
      }
      const svg = sniffed.what === SVG_REFUSAL.what;
      return svg
        ? { key, file, name, size: file.size, mime: 'image/svg+xml', svg }
        : { key, file, name, size: file.size, mime: file.type, svg, refusal: refusalMessage(sniffed) };
    }),
  );
}

/** The image files in a paste or drop; everything else (text, links) is left alone. */
export function filesFrom(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = Array.from(data.files ?? []);
  if (files.length) return files;
  // Some sources put a pasted screenshot only in `items`.
  return Array.from(data.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((f): f is File => f !== null);
}
