/**
 * The images, in memory, reachable by key and by (type, id, ds, cid).
 *
 * Replacement rule: uploading with metadata that is already taken REPLACES the image, and the
 * replacement gets a NEW key; the old key stops resolving (404). So a key always names the
 * same bytes, which is what a client caching by key needs, while lookups by metadata always
 * give the latest upload.
 */
import { randomBytes } from 'node:crypto';
import type { ImageMetadata } from '../../src/glean/types.js';
import type { ImageDisk } from './image-disk.js';
import { extForType } from './mime.js';

/** What addresses an image besides its key. Empty strings mean "absent". */
export interface ImageFields {
  type: string;
  id?: string;
  ds?: string;
  cid?: string;
}

export interface StoredImage {
  key: string;
  bytes: Buffer;
  contentType: string;
  /** As the upload answer reports it: empty fields left out, `ext` from the content type. */
  metadata: ImageMetadata;
  /** Seeded images are regenerated at every start, so they aren't written to disk. */
  seeded: boolean;
}

/** One string per metadata tuple; absent and empty are the same. */
function metadataKey(f: ImageFields): string {
  return JSON.stringify([f.type, f.id ?? '', f.ds ?? '', f.cid ?? '']);
}

export function buildMetadata(fields: ImageFields, contentType: string): ImageMetadata {
  const metadata: ImageMetadata = { type: fields.type };
  if (fields.id) metadata.id = fields.id;
  if (fields.ds) metadata.ds = fields.ds;
  if (fields.cid) metadata.cid = fields.cid;
  metadata.ext = extForType(contentType);
  return metadata;
}

export class ImageStore {
  private readonly byKey = new Map<string, StoredImage>();
  private readonly keyByMetadata = new Map<string, string>();

  /** With a disk, every change is written through, and `load()` reads what's there. */
  constructor(private readonly disk?: ImageDisk) {}

  load(): void {
    for (const image of this.disk?.load() ?? []) this.index(image);
  }

  /** Stores an image, replacing (and un-keying) any image with the same metadata. */
  put(fields: ImageFields, bytes: Buffer, contentType: string, opts: { key?: string; seeded?: boolean } = {}): StoredImage {
    const key = opts.key ?? this.freshKey();
    const image: StoredImage = { key, bytes, contentType, metadata: buildMetadata(fields, contentType), seeded: opts.seeded ?? false };
    // Whatever held this metadata, or (for explicit keys) this key, gives way.
    const displaced = new Set([this.getByMetadata(fields), this.byKey.get(key)].filter((i) => i !== undefined));
    for (const old of displaced) this.unindex(old);
    this.index(image);
    const persisted = [...displaced].filter((i) => !i.seeded);
    for (const old of persisted) this.disk?.removeImage(old);
    if (!image.seeded) this.disk?.writeImage(image);
    if (!image.seeded || persisted.length > 0) this.disk?.writeIndex(this.list().filter((i) => !i.seeded));
    return image;
  }

  getByKey(key: string): StoredImage | undefined {
    return this.byKey.get(key);
  }

  getByMetadata(fields: ImageFields): StoredImage | undefined {
    const key = this.keyByMetadata.get(metadataKey(fields));
    return key === undefined ? undefined : this.byKey.get(key);
  }

  count(): number {
    return this.byKey.size;
  }

  list(): StoredImage[] {
    return [...this.byKey.values()];
  }

  /** Forgets everything, on disk too. */
  clear(): void {
    this.byKey.clear();
    this.keyByMetadata.clear();
    this.disk?.clear();
  }

  private index(image: StoredImage): void {
    this.byKey.set(image.key, image);
    this.keyByMetadata.set(metadataKey(image.metadata), image.key);
  }

  private unindex(image: StoredImage): void {
    this.byKey.delete(image.key);
    const mk = metadataKey(image.metadata);
    if (this.keyByMetadata.get(mk) === image.key) this.keyByMetadata.delete(mk);
  }

  /** 16 random hex characters, like an opaque server-side id. */
  private freshKey(): string {
    let key: string;
    do key = randomBytes(8).toString('hex');
    while (this.byKey.has(key));
    return key;
  }
}
