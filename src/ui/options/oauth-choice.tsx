import { t, type MessageKey } from '../../i18n/t';

/** How to sign in: the extension registers itself; a client an admin created; an external identity provider. */
export type Choice = 'glean' | 'client' | 'external';

const CHOICES: { id: Choice; label: MessageKey; hint: MessageKey }[] = [
  { id: 'glean', label: 'options_choiceGlean', hint: 'options_choiceGleanHint' },
  { id: 'client', label: 'options_choiceClient', hint: 'options_choiceClientHint' },
  { id: 'external', label: 'options_choiceExternal', hint: 'options_choiceExternalHint' },
];

/** The three ways to sign in, as native radio buttons; the first needs nothing but the backend. */
export function OAuthChoice({ value, onChange, locked = false }: { value: Choice; onChange: (choice: Choice) => void; locked?: boolean }) {
  return (
    <fieldset class="field oauth-choice" disabled={locked}>
      <legend>{t('options_choiceLegend')}</legend>
      {CHOICES.map((c) => (
        <div key={c.id}>
          <label class="check">
            <input type="radio" name="oauthChoice" value={c.id} checked={value === c.id} aria-describedby={`choice-${c.id}-hint`}
              onChange={() => onChange(c.id)} />
            {t(c.label)}
          </label>
          <p class="hint" id={`choice-${c.id}-hint`}>{t(c.hint)}</p>
        </div>
      ))}
    </fieldset>
  );
}
