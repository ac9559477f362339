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
}

let counter = 0;

/** Reads the head of each file and names its type from the bytes, never from the file name. */
export async function pickFiles(files: File[]): Promise<PickedFile[]> {
  // Loaded on first use: opening the popup does not pay for the format tables.
  const [{ refusalMessage, sniffImage }, { SVG_REFUSAL }] = await Promise.all([import('../../images/sniff'), import('../../images/sniff-text')]);
  return Promise.all(
    files.map(async (file) => {
      const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
      const sniffed = sniffImage(head);
      const key = `f${++counter}`;
      const name = file.name || t('popup_pastedImage');
      if (sniffed.ok) return { key, file, name, size: file.size, mime: sniffed.mime, svg: false };
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
