import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field';
import type { Status } from '../components/status-line';
import { requestAccess } from '../host-permission';
import { send } from '../../messaging/send';
import { DEFAULT_SCOPES, validateSignIn } from '../../oauth/config';
import type { PublicSettings } from '../../settings/types';
import type { FieldError, SettingsDraft } from '../../settings/validate';
import { RedirectUrl } from './redirect-url';

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
}

/** "Sign in with OAuth": the authorization server, client ID, scopes and redirect URL, Sign in / Sign out. */
export function OAuthSection({ saved, draft, busy, errorFor, showErrors, run, onSaved }: Props) {
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [scopes, setScopes] = useState(DEFAULT_SCOPES);
  const signedIn = saved?.authMethod === 'oauth' && saved.signedIn === true;
  const needsSignIn = saved?.authMethod === 'oauth' && saved.needsSignIn === true;

  useEffect(() => {
    if (!saved?.oauth) return;
    setIssuer(saved.oauth.issuer);
    setClientId(saved.oauth.clientId);
    setScopes(saved.oauth.scopes);
  }, [saved]);

  function onSignIn() {
    const request = { backend: draft.backend, userId: draft.userId, issuer, clientId, scopes };
    const checked = validateSignIn(request);
    if ('errors' in checked) {
      showErrors(checked.errors);
      void run(async () => ({ tone: 'error', text: 'Please correct the fields marked below.' }), 'Checking…');
      return;
    }
    showErrors([]);
    const { apiBase, config } = checked.value;
    // First, while the click still counts as a gesture: Glean's site and the authorization server's.
    const access = requestAccess([apiBase, config.issuer]);
    void run(async () => {
      if (!(await access)) {
        return { tone: 'error', text: `The browser did not allow access to ${new URL(apiBase).origin} and ${new URL(config.issuer).origin}. The extension needs both to sign in.` };
      }
      const next = await send('oauth.signIn', request);
      onSaved(next);
      return { tone: 'ok', text: next.account ? `Signed in as ${next.account}.` : 'Signed in.' };
    }, 'Signing in… Finish in the sign-in window.');
  }

  function onSignOut() {
    void run(async () => {
      onSaved(await send('oauth.signOut', null));
      return { tone: 'ok', text: 'Signed out. Sign in again to use the extension.' };
    }, 'Signing out…');
  }

  return (
    <>
      <Field id="issuer" label="Authorization server" error={errorFor('issuer')} hint={<>The issuer URL of Glean's OAuth server or your company's identity provider (like <code>https://login.acme.com</code>). Your Glean admin knows it.</>}>
        {(describedBy, invalid) => (
          <input id="issuer" type="url" autocomplete="off" spellcheck={false} value={issuer} aria-describedby={describedBy} aria-invalid={invalid}
            onInput={(e) => setIssuer(e.currentTarget.value)} />
        )}
      </Field>
      <Field id="clientId" label="Client ID" error={errorFor('clientId')} hint="The client your Glean admin registered for this extension.">
        {(describedBy, invalid) => (
          <input id="clientId" type="text" autocomplete="off" spellcheck={false} value={clientId} aria-describedby={describedBy} aria-invalid={invalid}
            onInput={(e) => setClientId(e.currentTarget.value)} />
        )}
      </Field>
      <Field id="scopes" label="Scopes" error={errorFor('scopes')} hint={<>Separated by spaces. <code>offline_access</code> keeps you signed in; <code>openid email profile</code> shows who you are.</>}>
        {(describedBy, invalid) => (
          <input id="scopes" type="text" autocomplete="off" spellcheck={false} value={scopes} aria-describedby={describedBy} aria-invalid={invalid}
            onInput={(e) => setScopes(e.currentTarget.value)} />
        )}
      </Field>
      <RedirectUrl />
      {signedIn && <p class="signed-in">Signed in as <strong>{saved?.account ?? 'you'}</strong>.</p>}
      {needsSignIn && <p class="error">Your sign-in has ended. Sign in again: waiting uploads continue once you have.</p>}
      <div class="actions">
        {signedIn ? (
          <button type="button" disabled={busy} onClick={onSignOut}>Sign out</button>
        ) : (
          <button type="button" class="primary" disabled={busy} onClick={onSignIn}>Sign in</button>
        )}
      </div>
    </>
  );
}
