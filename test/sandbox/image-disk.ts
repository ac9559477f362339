/**
 * Optional persistence for `npm start` sessions: one file per image (`<key>.<ext>`) and an
 * `index.json` describing them. Writes are synchronous so an upload is on disk by the time
 * its 200 goes out; the index is replaced atomically (write to temp file, rename).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageMetadata } from '../../src/glean/types.js';
import type { StoredImage } from './image-store.js';

interface IndexEntry {
  key: string;
  file: string;
  contentType: string;
  metadata: ImageMetadata;
}

interface IndexFile {
  version: 1;
  images: IndexEntry[];
}

export class ImageDisk {
  private readonly indexPath: string;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.indexPath = join(dir, 'index.json');
  }

  /** The images the index lists; entries whose file went missing are skipped. */
  load(): StoredImage[] {
    if (!existsSync(this.indexPath)) return [];
    const index = JSON.parse(readFileSync(this.indexPath, 'utf8')) as IndexFile;
    const images: StoredImage[] = [];
    for (const entry of index.images) {
      const path = join(this.dir, entry.file);
      if (!existsSync(path)) {
        console.warn(`[sandbox] ${path} is listed in index.json but missing; skipped`);
        continue;
      }
      images.push({ key: entry.key, bytes: readFileSync(path), contentType: entry.contentType, metadata: entry.metadata, seeded: false });
    }
    return images;
  }

  writeImage(image: StoredImage): void {
    writeFileSync(join(this.dir, fileName(image)), image.bytes);
  }

  removeImage(image: StoredImage): void {
    rmSync(join(this.dir, fileName(image)), { force: true });
  }

  writeIndex(images: StoredImage[]): void {
    const index: IndexFile = {
      version: 1,
      images: images.map((i) => ({ key: i.key, file: fileName(i), contentType: i.contentType, metadata: i.metadata })),
    };
    const temp = `${this.indexPath}.tmp`;
    writeFileSync(temp, JSON.stringify(index, null, 2));
    renameSync(temp, this.indexPath);
  }

  /** Removes the index and the image files it lists (nothing else in the directory). */
  clear(): void {
    if (!existsSync(this.indexPath)) return;
    for (const image of this.load()) this.removeImage(image);
    rmSync(this.indexPath, { force: true });
  }
}

/** Keys are generated hex or "seed-<name>", but sanitise anyway: the name lands in a path. */
function fileName(image: StoredImage): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${safe(image.key)}.${safe(image.metadata.ext ?? 'bin')}`;
}
