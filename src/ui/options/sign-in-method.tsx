import { t, type MessageKey } from '../../i18n/t';
import type { AuthMethod } from '../../settings/types';
import { SetByOrganisation } from './policy-parts';

const METHODS: { id: AuthMethod; label: MessageKey; note?: MessageKey }[] = [
  { id: 'oauth', label: 'options_methodOAuth', note: 'options_recommended' },
  { id: 'token', label: 'options_apiToken' },
];

const HINTS = {
  oauth: 'options_methodOAuthHint',
  token: 'options_methodTokenHint',
} as const satisfies Record<AuthMethod, MessageKey>;

/**
 * The choice between the two ways to sign in. Buttons with role "radio" rather than labelled
 * inputs, so "API token" stays the label of the token field alone.
 */
export function SignInMethod({ value, onChange, locked = false }: { value: AuthMethod; onChange: (method: AuthMethod) => void; locked?: boolean }) {
  function onKeyDown(event: KeyboardEvent, index: number) {
    // Arrow keys move the choice, as in any radio group.
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = METHODS[(index + step + METHODS.length) % METHODS.length]!;
    onChange(next.id);
    const group = (event.currentTarget as HTMLElement).parentElement;
    group?.querySelector<HTMLElement>(`[data-method="${next.id}"]`)?.focus();
  }

  return (
    <div class="field">
      <span id="sign-in-method-label" style={{ fontWeight: 600 }}>{t('options_signInMethod')}</span>
      <div role="radiogroup" aria-labelledby="sign-in-method-label" aria-describedby="sign-in-method-hint" class="actions">
        {METHODS.map((m, i) => (
          <button key={m.id} type="button" role="radio" data-method={m.id} aria-checked={value === m.id} tabIndex={value === m.id ? 0 : -1} disabled={locked && value !== m.id} aria-disabled={locked}
            class={value === m.id ? 'primary' : ''} onClick={() => !locked && onChange(m.id)} onKeyDown={(e) => !locked && onKeyDown(e, i)}>
            {t(m.label)}
            {m.note && <span> {t(m.note)}</span>}
          </button>
        ))}
      </div>
      <p class="hint" id="sign-in-method-hint">{t(HINTS[value])}</p>
      {locked && <SetByOrganisation />}
    </div>
  );
}
