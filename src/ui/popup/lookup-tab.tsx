import { useState } from 'preact/hooks';
import { t, tCount } from '../../i18n/t';
import type { ImageBytes, ImageQuery } from '../../glean/types';
import { LIMITS } from '../../messaging/protocol';
import { send } from '../../messaging/send';
import type { PublicSettings } from '../../settings/types';
import { Field } from '../components/field';
import { kindOf, lookupErrorText } from './format';
import { ImageResult } from './image-result';
import { metadataFields, type MetadataDraft } from './metadata';
import { MetadataForm } from './metadata-form';
import { openSettings } from './open-settings';

/** Where one lookup stands. */
type Lookup =
  | { step: 'idle' }
  | { step: 'loading' }
  | { step: 'error'; text: string; settings: boolean }
  | { step: 'found'; image: ImageBytes; name: string; alt: string };

/** Runs a lookup through the background and keeps its state. */
function useLookup() {
  const [state, setState] = useState<Lookup>({ step: 'idle' });
  const run = async (query: ImageQuery, name: string, alt: string) => {
    setState({ step: 'loading' });
    try {
      setState({ step: 'found', image: await send('image.get', { query }), name, alt });
    } catch (e) {
      setState({ step: 'error', text: lookupErrorText(e), settings: kindOf(e) === 'unauthorized' });
    }
  };
  return { state, run, fail: (text: string) => setState({ step: 'error', text, settings: false }) };
}

/** The outcome area, with its space kept so the form does not jump. */
function LookupOutcome({ state }: { state: Lookup }) {
  return (
    <div class="lookup-outcome" aria-busy={state.step === 'loading'}>
      {state.step === 'loading' && <p class="hint" role="status">{t('popup_lookingUp')}</p>}
      {state.step === 'error' && (
        <>
          <p class="error" role="alert">{state.text}</p>
          {state.settings && <button type="button" class="small" onClick={openSettings}>{t('common_openSettings')}</button>}
        </>
      )}
      {state.step === 'found' && <ImageResult image={state.image} name={state.name} alt={state.alt} />}
    </div>
  );
}

/** The Look up tab: a profile picture by user ID, and any image by key or by its details. */
export function LookupTab({ settings }: { settings: PublicSettings }) {
  const [userId, setUserId] = useState(settings.userId);
  const profile = useLookup();
  const [by, setBy] = useState<'key' | 'details'>('key');
  const [key, setKey] = useState('');
  const [details, setDetails] = useState<MetadataDraft>({ type: 'UGC', id: '', ds: '', cid: '', actAs: '' });
  const general = useLookup();

  const onProfile = (event: Event) => {
    event.preventDefault();
    const id = userId.trim();
    if (!id) return profile.fail(t('popup_enterUserId'));
    void profile.run({ type: 'USER', id }, `profile-${id}`, t('popup_profilePictureOf', id));
  };

  const onGeneral = (event: Event) => {
    event.preventDefault();
    if (by === 'key') {
      const k = key.trim();
      if (!k) return general.fail(t('popup_enterKey'));
      if (k.length > LIMITS.keyLength) return general.fail(tCount('popup_keyTooLong', LIMITS.keyLength));
      return void general.run({ key: k }, k, t('popup_imageWithKey', k));
    }
    const fields = metadataFields(details);
    const name = [fields.type, fields.id, fields.ds, fields.cid].filter(Boolean).join(' ');
    void general.run(fields, name.replace(/ /g, '-'), t('popup_imageOfDetails', name));
  };

  return (
    <div class="lookup-tab">
      <form onSubmit={onProfile} noValidate aria-labelledby="lookup-profile-title">
        <h2 id="lookup-profile-title">{t('popup_profilePicture')}</h2>
        <div class="inline-form">
          <Field id="lookup-user" label={t('popup_userId')}>
            {() => <input id="lookup-user" type="text" autocomplete="off" spellcheck={false} value={userId} onInput={(e) => setUserId(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={profile.state.step === 'loading'}>{t('popup_lookUp')}</button>
        </div>
        <LookupOutcome state={profile.state} />
      </form>

      <form onSubmit={onGeneral} noValidate aria-labelledby="lookup-any-title">
        <h2 id="lookup-any-title">{t('popup_anyImage')}</h2>
        <fieldset class="choice">
          <legend>{t('popup_findIt')}</legend>
          <label class="check"><input type="radio" name="lookup-by" checked={by === 'key'} onChange={() => setBy('key')} /> {t('popup_byKey')}</label>
          <label class="check"><input type="radio" name="lookup-by" checked={by === 'details'} onChange={() => setBy('details')} /> {t('popup_byDetails')}</label>
        </fieldset>
        {by === 'key' ? (
          <Field id="lookup-key" label={t('popup_key')} hint={t('popup_keyHint')}>
            {(describedBy) => <input id="lookup-key" type="text" autocomplete="off" spellcheck={false} value={key} aria-describedby={describedBy} onInput={(e) => setKey(e.currentTarget.value)} />}
          </Field>
        ) : (
          <MetadataForm idPrefix="lookup" value={details} onChange={setDetails} showActAs={false} />
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={general.state.step === 'loading'}>{t('popup_findImage')}</button>
        </div>
        <LookupOutcome state={general.state} />
      </form>
    </div>
  );
}
