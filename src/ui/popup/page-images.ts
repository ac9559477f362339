/** The page's images as the This page tab lists them: one entry per URL, filtered by size. */
import type { PageImage } from '../../page-images/types';

/** One entry per src: the largest size seen, the first non-empty alt, the first frame. */
export function mergeDuplicates(images: PageImage[]): PageImage[] {
  const bySrc = new Map<string, PageImage>();
  for (const image of images) {
    const known = bySrc.get(image.src);
    if (!known) {
      bySrc.set(image.src, { ...image });
      continue;
    }
    known.naturalWidth = Math.max(known.naturalWidth, image.naturalWidth);
    known.naturalHeight = Math.max(known.naturalHeight, image.naturalHeight);
    if (!known.alt && image.alt) known.alt = image.alt;
  }
  return [...bySrc.values()];
}

/** Hides images whose width or height is known and below `min` pixels; unknown sizes stay. */
export function hideSmall(images: PageImage[], min: number): PageImage[] {
  if (min <= 0) return images;
  return images.filter((i) => (i.naturalWidth === 0 && i.naturalHeight === 0) || (i.naturalWidth >= min && i.naturalHeight >= min));
}

/** Splits a list into batches the protocol accepts. */
export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
