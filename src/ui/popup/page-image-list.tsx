import { t, type MessageKey } from '../../i18n/t';
import type { PageImage, PageImageKind } from '../../page-images/types';
import { fileNameOf, formatDimensions } from './format';

/** How each image is on the page, in words. */
const KIND_WORDS = {
  img: 'popup_kindImg',
  picture: 'popup_kindPicture',
  srcset: 'popup_kindSrcset',
  background: 'popup_kindBackground',
  link: 'popup_kindLink',
} as const satisfies Record<PageImageKind, MessageKey>;

interface PageImageListProps {
  images: PageImage[];
  selected: ReadonlySet<string>;
  onToggle: (src: string, on: boolean) => void;
  onAll: (on: boolean) => void;
  disabled?: boolean;
}

/** The page's images with thumbnails and sizes, each with a checkbox, and "Select all". */
export function PageImageList({ images, selected, onToggle, onAll, disabled }: PageImageListProps) {
  const count = images.filter((i) => selected.has(i.src)).length;
  return (
    <>
      <label class="check select-all">
        <input type="checkbox" checked={count > 0 && count === images.length} indeterminate={count > 0 && count < images.length}
          disabled={disabled} onChange={(e) => onAll(e.currentTarget.checked)} />
        {t('popup_selectAll', count, images.length)}
      </label>
      <ul class="page-images" aria-label={t('popup_pageImages')}>
        {images.map((image) => (
          <li key={image.src}>
            <label class="page-image">
              <input type="checkbox" checked={selected.has(image.src)} disabled={disabled} onChange={(e) => onToggle(image.src, e.currentTarget.checked)} />
              <span class="thumb"><img src={image.src} alt="" loading="lazy" referrerpolicy="no-referrer" /></span>
              <span class="page-image-text">
                <span class="item-name" title={image.src}>{image.alt || fileNameOf(image.src)}</span>
                <span class="hint">{formatDimensions(image.naturalWidth, image.naturalHeight)} · {t(KIND_WORDS[image.kind])}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}
