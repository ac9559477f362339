import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field';
import { Message } from '../components/message';
import type { Status } from '../components/status-line';
import { requestAccess } from '../host-permission';
import { t } from '../../i18n/t';
import { MessageError, send } from '../../messaging/send';
import { DEFAULT_SCOPES, validateSignIn } from '../../oauth/config';
import type { PublicSettings } from '../../settings/types';
import type { FieldError, SettingsDraft } from '../../settings/validate';
import { OAuthChoice, type Choice } from './oauth-choice';
import { RedirectUrl } from './redirect-url';
import { RegistrationHelp, registrationProblem, type RegistrationProblem } from './registration-problem';

interface Props {
  saved: PublicSettings | null;
  /** The shared fields (backend, user ID) as typed. */
  draft: SettingsDraft;
  busy: boolean;
  errorFor: (field: FieldError['field']) => string | undefined;
  showErrors: (errors: FieldError[]) => void;
  /** Runs an action with the page's status line and busy state. */
  run: (action: () => Promise<Status>, progress: string) => unknown;
  onSaved: (next: PublicSettings) => void;
  /** The organisation's policy sets the sign-in and locks it: shown, not editable. */
  locked?: boolean;
  /** Sites to ask for in the same click (those the organisation's policy names). */
  alsoAsk?: string[];
}

/** The choice a stored sign-in was made with. */
function choiceOf(saved: PublicSettings | null): Choice {
  if (saved?.oauth?.provider === 'external') return 'external';
  return saved?.oauth?.clientId ? 'client' : 'glean';
}

/**
 * "Sign in with Glean": with only the backend typed, the extension registers itself with the
 * instance's own authorization server and signs in. An admin's client ID, or an external identity
 * provider (issuer, client ID, scopes), are the other choices; Sign in / Sign out.
 */
export function OAuthSection({ saved, draft, busy, errorFor, showErrors, run, onSaved, locked = false, alsoAsk = [] }: Props) {
  const [choice, setChoice] = useState<Choice>('glean');
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [scopes, setScopes] = useState(DEFAULT_SCOPES);
  const [problem, setProblem] = useState<RegistrationProblem | null>(null);
  const signedIn = saved?.authMethod === 'oauth' && saved.signedIn === true;
  const needsSignIn = saved?.authMethod === 'oauth' && saved.needsSignIn === true;

  useEffect(() => {
    if (!saved?.oauth) return;
    setChoice(choiceOf(saved));
    if (saved.oauth.provider === 'external') setIssuer(saved.oauth.issuer);
    setClientId(saved.oauth.clientId);
    setScopes(saved.oauth.scopes);
  }, [saved]);

  function onSignIn() {
    const external = choice === 'external';
    const request = {
      backend: draft.backend, userId: draft.userId, provider: external ? 'external' : 'glean',
      issuer: external ? issuer : '', clientId: choice === 'glean' ? '' : clientId, scopes,
    } as const;
    const checked = validateSignIn(request);
    if ('errors' in checked) {
      showErrors(checked.errors);
      void run(async () => ({ tone: 'error', text: t('options_correctFields') }), t('options_checking'));
      return;
    }
    showErrors([]);
    setProblem(null);
    const { apiBase, config } = checked.value;
    // First, while the click still counts as a gesture: Glean's site and the authorization server's.
    const access = requestAccess([apiBase, config.issuer, ...alsoAsk]);
    void run(async () => {
      if (!(await access)) {
        return { tone: 'error', text: t('options_signInNoAccess', new URL(apiBase).origin, new URL(config.issuer).origin) };
      }
      try {
        const next = await send('oauth.signIn', request);
        onSaved(next);
        return { tone: 'ok', text: next.account ? t('options_signedInAs', next.account) : t('options_signedIn') };
      } catch (e) {
        const found = e instanceof MessageError ? registrationProblem(e.info) : null;
        if (found) {
          setProblem(found);
          // Self-registration is out: the admin's client ID is the way on, unless the organisation
          // locked the sign-in (then the help says what to give the admin).
          if (!locked) setChoice('client');
        }
        throw e;
      }
    }, t('options_signingIn'));
  }

  function onSignOut() {
    void run(async () => {
      onSaved(await send('oauth.signOut', null));
      return { tone: 'ok', text: t('options_signedOut') };
    }, t('options_signingOut'));
  }

  return (
    <>
      <OAuthChoice value={choice} onChange={setChoice} locked={locked} />
      {problem && <RegistrationHelp problem={problem} />}
      {choice === 'external' && (
        <Field id="issuer" label={t('options_issuerLabel')} error={errorFor('issuer')} hint={<Message id="options_issuerHint" args={[<code>{'https://login.acme.com'}</code>]} />}>
          {(describedBy, invalid) => (
            <input id="issuer" readOnly={locked} type="url" autocomplete="off" spellcheck={false} value={issuer} aria-describedby={describedBy} aria-invalid={invalid}
              onInput={(e) => setIssuer(e.currentTarget.value)} />
          )}
        </Field>
      )}
      {choice !== 'glean' && (
        <Field id="clientId" label={t('options_clientIdLabel')} error={errorFor('clientId')} hint={choice === 'external' ? t('options_clientIdExternalHint') : t('options_clientIdHint')}>
          {(describedBy, invalid) => (
            <input id="clientId" readOnly={locked} type="text" autocomplete="off" spellcheck={false} value={clientId} aria-describedby={describedBy} aria-invalid={invalid}
              onInput={(e) => setClientId(e.currentTarget.value)} />
          )}
        </Field>
      )}
      {choice === 'external' && (
        <Field id="scopes" label={t('options_scopesLabel')} error={errorFor('scopes')}
          hint={<Message id="options_scopesHint" args={[<code>{'offline_access'}</code>, <code>{'openid email profile'}</code>]} />}>
          {(describedBy, invalid) => (
            <input id="scopes" readOnly={locked} type="text" autocomplete="off" spellcheck={false} value={scopes} aria-describedby={describedBy} aria-invalid={invalid}
              onInput={(e) => setScopes(e.currentTarget.value)} />
          )}
        </Field>
      )}
      {choice !== 'glean' && !problem?.redirectUrl && <RedirectUrl />}
      {/* No account to name: a sentence of its own, as "as you" does not translate word for word. */}
      {signedIn && <p class="signed-in">{saved?.account ? <Message id="options_signedInAs" args={[<strong>{saved.account}</strong>]} /> : t('options_signedInAsYou')}</p>}
      {needsSignIn && <p class="error">{t('options_signInEnded')}</p>}
      <div class="actions">
        {signedIn ? (
          <button type="button" disabled={busy} onClick={onSignOut}>{t('options_signOut')}</button>
        ) : (
          <button type="button" class="primary" disabled={busy} onClick={onSignIn}>{choice === 'external' ? t('options_signIn') : t('options_signInWithGlean')}</button>
        )}
      </div>
    </>
  );
}
