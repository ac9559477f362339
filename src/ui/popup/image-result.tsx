import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { ImageBytes } from '../../glean/types';
import { copyImage } from './copy-image';
import { formatBytes, formatDimensions } from './format';
import { useBlobUrl } from './use-blob-url';

const EXT: Record<string, string> = { jpeg: 'jpg', 'svg+xml': 'svg', 'x-icon': 'ico', 'vnd.microsoft.icon': 'ico' };

/** A download name with the extension the content type implies. */
export function downloadName(base: string, contentType: string): string {
  const sub = contentType.split('/')[1]?.split(';')[0]?.trim().toLowerCase() ?? 'bin';
  const safe = base.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'image';
  return `${safe}.${EXT[sub] ?? sub}`;
}

interface ImageResultProps {
  image: ImageBytes;
  /** Base of the download's file name. */
  name: string;
  /** What the picture is, for its alt text. */
  alt: string;
}

/** An image from Glean: the picture, its type, dimensions and size, Download and Copy. */
export function ImageResult({ image, name, alt }: ImageResultProps) {
  const blob = useMemo(() => new Blob([image.bytes], { type: image.contentType }), [image]);
  const url = useBlobUrl(blob);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [said, setSaid] = useState('');

  return (
    <figure class="image-result">
      <div class="image-frame">
        {url && (
          <img src={url} alt={alt}
            onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })} />
        )}
      </div>
      <figcaption>
        <p class="image-facts">
          <span>{image.contentType || t('popup_unknownType')}</span> · <span>{formatDimensions(size.width, size.height)}</span> · <span>{formatBytes(image.bytes.byteLength)}</span>
        </p>
        <div class="actions tight">
          {url && (
            <a class="button small" href={url} download={downloadName(name, image.contentType)}>
              {t('popup_download')}
            </a>
          )}
          <button type="button" class="small"
            onClick={async () => setSaid((await copyImage(blob)) ? t('popup_imageCopied') : t('popup_imageCopyRefused'))}>
            {t('common_copy')}
          </button>
        </div>
        <p class="hint copy-said" role="status" aria-live="polite">{said}</p>
      </figcaption>
    </figure>
  );
}
