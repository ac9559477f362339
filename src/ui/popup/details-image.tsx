import { useState } from 'preact/hooks';
import { fileNameOf, formatDimensions } from './format';

/** What the picture is called: its file name; a page's blob: URL has only a random id, so it is described instead. */
export function pictureName(src: string): string {
  return src.startsWith('blob:') ? 'Picture made by the page' : fileNameOf(src);
}

/** Whether an extension page can show this address at all: a page's blob: URL belongs to the page. */
function showable(src: string): boolean {
  return !src.startsWith('blob:');
}

/** The picture the details window is about, with its name and page; a placeholder where it cannot be shown. */
export function DetailsImage({ src, pageUrl }: { src: string; pageUrl: string }) {
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [broken, setBroken] = useState(!showable(src));
  const name = pictureName(src);
  return (
    <figure class="details-image">
      <div class="image-frame">
        {broken ? (
          <p class="hint placeholder">
            {src.startsWith('blob:')
              ? 'The page made this picture itself, so it cannot be shown here. It can still be uploaded.'
              : 'The picture cannot be shown here. It can still be uploaded if the page still shows it.'}
          </p>
        ) : (
          <img src={src} alt={`The picture to upload: ${name}`}
            onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
            onError={() => setBroken(true)} />
        )}
      </div>
      <figcaption>
        <p class="item-name" title={src.startsWith('data:') || src.startsWith('blob:') ? undefined : src}>{name}</p>
        {size.width > 0 && <p class="hint">{formatDimensions(size.width, size.height)}</p>}
        {pageUrl && (
          <p class="hint page-url" title={pageUrl}>
            On <span>{pageUrl}</span>
          </p>
        )}
      </figcaption>
    </figure>
  );
}
