import { useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { Message } from '../components/message';
import { fileNameOf, formatDimensions } from './format';

/** What the picture is called: its file name; a page's blob: URL has only a random id, so it is described instead. */
export function pictureName(src: string): string {
  return src.startsWith('blob:') ? t('popup_pictureMadeByPage') : fileNameOf(src);
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
              ? t('popup_pictureMadeByPageHidden')
              : t('popup_pictureHidden')}
          </p>
        ) : (
          <img src={src} alt={t('popup_pictureToUpload', name)}
            onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
            onError={() => setBroken(true)} />
        )}
      </div>
      <figcaption>
        <p class="item-name" title={src.startsWith('data:') || src.startsWith('blob:') ? undefined : src}>{name}</p>
        {size.width > 0 && <p class="hint">{formatDimensions(size.width, size.height)}</p>}
        {pageUrl && (
          <p class="hint page-url" title={pageUrl}>
            <Message id="popup_onPage" args={[<span>{pageUrl}</span>]} />
          </p>
        )}
      </figcaption>
    </figure>
  );
}
