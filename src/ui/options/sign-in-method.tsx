import type { AuthMethod } from '../../settings/types';

const METHODS: { id: AuthMethod; label: string; note?: string }[] = [
  { id: 'oauth', label: 'Sign in with OAuth', note: 'recommended' },
  { id: 'token', label: 'API token' },
];

const HINTS: Record<AuthMethod, string> = {
  oauth: 'Sign in with your company account. No token to copy, and access can be withdrawn by signing out.',
  token: 'Paste a token your Glean admin created for you.',
};

/**
 * The choice between the two ways to sign in. Buttons with role "radio" rather than labelled
 * inputs, so "API token" stays the label of the token field alone.
 */
export function SignInMethod({ value, onChange }: { value: AuthMethod; onChange: (method: AuthMethod) => void }) {
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
      <span id="sign-in-method-label" style={{ fontWeight: 600 }}>Sign-in method</span>
      <div role="radiogroup" aria-labelledby="sign-in-method-label" aria-describedby="sign-in-method-hint" class="actions">
        {METHODS.map((m, i) => (
          <button key={m.id} type="button" role="radio" data-method={m.id} aria-checked={value === m.id} tabIndex={value === m.id ? 0 : -1}
            class={value === m.id ? 'primary' : ''} onClick={() => onChange(m.id)} onKeyDown={(e) => onKeyDown(e, i)}>
            {m.label}
            {m.note && <span> ({m.note})</span>}
          </button>
        ))}
      </div>
      <p class="hint" id="sign-in-method-hint">{HINTS[value]}</p>
    </div>
  );
}
