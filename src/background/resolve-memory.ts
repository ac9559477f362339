/**
 * The most recently used images in the background's memory, in front of IndexedDB: pages often
 * show the same images again within minutes (a reload, the next page of a wiki), and a read from
 * memory skips a transaction and the copy out of the database. Bounded in bytes, least recently
 * used out; it lives only as long as the background does.
 */
import type { ImageBytes } from '../glean/types';

/** A byte-bounded LRU of images by reference id. */
export class MemoryCache {
  private readonly entries = new Map<string, ImageBytes>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** The image, marked as just used. */
  get(id: string): ImageBytes | undefined {
    const image = this.entries.get(id);
    if (image) {
      // Map order is insertion order: re-inserting moves it to the young end.
      this.entries.delete(id);
      this.entries.set(id, image);
    }
    return image;
  }

  /** Keeps an image, dropping the least recently used beyond the bound (never one larger than it). */
  set(id: string, image: ImageBytes): void {
    if (image.bytes.byteLength > this.maxBytes) return;
    this.delete(id);
    this.entries.set(id, image);
    this.bytes += image.bytes.byteLength;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Bytes held. */
  get size(): number {
    return this.bytes;
  }

  private delete(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.bytes -= old.bytes.byteLength;
    this.entries.delete(id);
  }
}
