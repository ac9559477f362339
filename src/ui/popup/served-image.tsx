import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { ImageBytes } from '../../glean/types';
import { send } from '../../messaging/send';
import { lookupErrorText } from './format';
import { ImageResult } from './image-result';

/** The uploaded image fetched back from Glean by its key, so the user sees that it landed. */
export function ServedImage({ imageKey, name }: { imageKey: string; name: string }) {
  const [image, setImage] = useState<ImageBytes | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    setImage(null);
    setError('');
    send('image.get', { query: { key: imageKey } }).then(
      (got) => live && setImage(got),
      (e: unknown) => live && setError(t('popup_fetchBackFailed', lookupErrorText(e))),
    );
    return () => void (live = false);
  }, [imageKey]);

  if (error) return <p class="error">{error}</p>;
  if (!image) return <p class="hint served-loading">{t('popup_fetchingBack')}</p>;
  return (
    <div class="served">
      <p class="hint">{t('popup_asGleanServes')}</p>
      <ImageResult image={image} name={name} alt={t('popup_storedInGlean', name)} />
    </div>
  );
}
