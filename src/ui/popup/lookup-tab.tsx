import { useState } from 'preact/hooks';
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
      {state.step === 'loading' && <p class="hint" role="status">Looking up…</p>}
      {state.step === 'error' && (
        <>
          <p class="error" role="alert">{state.text}</p>
          {state.settings && <button type="button" class="small" onClick={openSettings}>Open settings</button>}
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
    if (!id) return profile.fail('Enter a user ID to look up.');
    void profile.run({ type: 'USER', id }, `profile-${id}`, `Profile picture of ${id}`);
  };

  const onGeneral = (event: Event) => {
    event.preventDefault();
    if (by === 'key') {
      const k = key.trim();
      if (!k) return general.fail('Enter the key of an image.');
      if (k.length > LIMITS.keyLength) return general.fail(`A key has at most ${LIMITS.keyLength} characters.`);
      return void general.run({ key: k }, k, `The image with key ${k}`);
    }
    const fields = metadataFields(details);
    const name = [fields.type, fields.id, fields.ds, fields.cid].filter(Boolean).join(' ');
    void general.run(fields, name.replace(/ /g, '-'), `The ${name} image`);
  };

  return (
    <div class="lookup-tab">
      <form onSubmit={onProfile} noValidate aria-labelledby="lookup-profile-title">
        <h2 id="lookup-profile-title">Profile picture</h2>
        <div class="inline-form">
          <Field id="lookup-user" label="User ID">
            {() => <input id="lookup-user" type="text" autocomplete="off" spellcheck={false} value={userId} onInput={(e) => setUserId(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={profile.state.step === 'loading'}>Look up</button>
        </div>
        <LookupOutcome state={profile.state} />
      </form>

      <form onSubmit={onGeneral} noValidate aria-labelledby="lookup-any-title">
        <h2 id="lookup-any-title">Any image</h2>
        <fieldset class="choice">
          <legend>Find it</legend>
          <label class="check"><input type="radio" name="lookup-by" checked={by === 'key'} onChange={() => setBy('key')} /> By key</label>
          <label class="check"><input type="radio" name="lookup-by" checked={by === 'details'} onChange={() => setBy('details')} /> By type and IDs</label>
        </fieldset>
        {by === 'key' ? (
          <Field id="lookup-key" label="Key" hint="The key an upload returned.">
            {(describedBy) => <input id="lookup-key" type="text" autocomplete="off" spellcheck={false} value={key} aria-describedby={describedBy} onInput={(e) => setKey(e.currentTarget.value)} />}
          </Field>
        ) : (
          <MetadataForm idPrefix="lookup" value={details} onChange={setDetails} showActAs={false} />
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={general.state.step === 'loading'}>Find image</button>
        </div>
        <LookupOutcome state={general.state} />
      </form>
    </div>
  );
}
