/**
 * SVG to PNG for extension pages (the popup), which have <img> and a DOM; the background cannot
 * do this (no DOM, and createImageBitmap rejects SVG in workers), so pages convert before sending.
 * Nothing is sanitised because nothing needs to be: an SVG shown through <img> runs no scripts
 * and loads no external resources, and only the resulting pixels leave this function.
 */
import { GleanError } from '../glean/errors';
import { t } from '../i18n/t';
import { svgSize } from './svg-size';

const damaged = () => t('image_svgDamaged', 'SVG', 'PNG');

/** Sets the root's size so <img> has one to render at (Firefox will not draw an SVG without it). */
function sizedSvgText(text: string, maxSize: number): { text: string; width: number; height: number } {
  const size = svgSize(text, maxSize);
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || root.localName !== 'svg') {
    throw new GleanError('invalid-input', damaged());
  }
  // Without a viewBox a smaller width would clip the drawing instead of scaling it.
  if (!root.hasAttribute('viewBox')) root.setAttribute('viewBox', `0 0 ${size.naturalWidth} ${size.naturalHeight}`);
  root.setAttribute('width', String(size.width));
  root.setAttribute('height', String(size.height));
  return { text: new XMLSerializer().serializeToString(doc), width: size.width, height: size.height };
}

/** Renders an SVG to a PNG no larger than maxSize on either side; for pages with a DOM only. */
export async function rasterizeSvg(blob: Blob, maxSize = 2048): Promise<Blob> {
  const sized = sizedSvgText(await blob.text(), maxSize);
  const url = URL.createObjectURL(new Blob([sized.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image(sized.width, sized.height);
    img.src = url;
    await img.decode().catch((cause: unknown) => {
      throw new GleanError('invalid-input', damaged(), { cause });
    });
    const canvas = new OffscreenCanvas(sized.width, sized.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new GleanError('invalid-input', damaged());
    ctx.drawImage(img, 0, 0, sized.width, sized.height);
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    URL.revokeObjectURL(url);
  }
}
