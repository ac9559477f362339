import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field';
import { StatusLine, type Status } from '../components/status-line';
import { requestBackendAccess } from '../host-permission';
import { MessageError, send } from '../../messaging/send';
import type { AuthMethod, PublicSettings, TokenType } from '../../settings/types';
import { validateSettings, type FieldError, type SettingsDraft } from '../../settings/validate';
import { OAuthSection } from './oauth-section';
import { SignInMethod } from './sign-in-method';
import { SitesSection } from './sites-section';
import { UploadsSection } from './uploads-section';

const EMPTY_DRAFT: SettingsDraft = { backend: '', tokenType: 'user', actAs: '', userId: '' };

function draftFrom(s: PublicSettings): SettingsDraft {
  return { backend: s.apiBase, tokenType: s.tokenType, actAs: s.actAs, userId: s.userId };
}

function errorsOf(e: unknown): { fields: FieldError[]; text: string } {
  if (e instanceof MessageError) return { fields: e.info.fields ?? [], text: e.info.message };
  return { fields: [], text: e instanceof Error ? e.message : String(e) };
}

/** The options page: where the backend and token are set, tested and forgotten. */
export function OptionsApp() {
  const [saved, setSaved] = useState<PublicSettings | null>(null);
  const [draft, setDraft] = useState<SettingsDraft>(EMPTY_DRAFT);
  const [token, setToken] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [method, setMethod] = useState<AuthMethod>('token');

  useEffect(() => {
    send('settings.get', null)
      .then((s) => {
        setSaved(s);
        setDraft(draftFrom(s));
        setMethod(s.authMethod ?? 'token');
      })
      .catch((e) => setStatus({ tone: 'error', text: errorsOf(e).text }));
  }, []);

  const update = (patch: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorFor = (field: FieldError['field']) => fieldErrors.find((f) => f.field === field)?.message;

  /** Checks the form here first, so obvious mistakes never reach the background or the network. */
  function checkLocally(): string | null {
    const result = validateSettings(draft);
    if ('errors' in result) {
      setFieldErrors(result.errors);
      setStatus({ tone: 'error', text: 'Please correct the fields marked below.' });
      return null;
    }
    setFieldErrors([]);
    return result.settings.apiBase;
  }

  async function run(action: () => Promise<Status>, progress: string) {
    setBusy(true);
    setStatus({ tone: 'info', text: progress });
    try {
      setStatus(await action());
    } catch (e) {
      const { fields, text } = errorsOf(e);
      setFieldErrors(fields);
      setStatus({ tone: 'error', text });
    } finally {
      setBusy(false);
    }
  }

  function onSave(event: Event) {
    event.preventDefault();
    const apiBase = checkLocally();
    if (!apiBase) return;
    const access = requestBackendAccess(apiBase); // first, while the click still counts as a gesture
    void run(async () => {
      if (!(await access)) return { tone: 'error', text: `The browser did not allow access to ${new URL(apiBase).origin}. The extension needs it to reach Glean.` };
      const next = await send('settings.save', { draft, ...(token ? { token } : {}) });
      setSaved(next);
      setDraft(draftFrom(next));
      setToken('');
      return { tone: 'ok', text: 'Saved.' };
    }, 'Saving…');
  }

  function onTest() {
    const apiBase = checkLocally();
    if (!apiBase) return;
    const access = requestBackendAccess(apiBase);
    void run(async () => {
      if (!(await access)) return { tone: 'error', text: `The browser did not allow access to ${new URL(apiBase).origin}, so the connection cannot be tested.` };
      const report = await send('connection.test', { draft, ...(token ? { token } : {}) });
      return { tone: report.ok ? 'ok' : 'error', text: report.message };
    }, `Testing ${apiBase}…`);
  }

  function onForget() {
    void run(async () => {
      setSaved(await send('token.forget', null));
      return { tone: 'ok', text: 'The token is forgotten. Enter a new one to use the extension again.' };
    }, 'Forgetting the token…');
  }

  const global = draft.tokenType === 'global';
  return (
    <main class="page">
      <h1>Glean Images settings</h1>
      <p class="hint">Connect the extension to your company's Glean. The token stays inside the extension's background and is never shown again.</p>
      <form onSubmit={onSave} noValidate>
        <Field id="backend" label="Glean backend" error={errorFor('backend')} hint={<>Your instance name (like <code>acme</code>) or the full backend URL (like <code>https://acme-be.glean.com</code>). An admin finds it in Glean's admin console, About page, "Server instance".</>}>
          {(describedBy, invalid) => (
            <input id="backend" type="text" autocomplete="off" spellcheck={false} value={draft.backend} aria-describedby={describedBy} aria-invalid={invalid}
              onInput={(e) => update({ backend: e.currentTarget.value })} />
          )}
        </Field>
        <SignInMethod value={method} onChange={setMethod} />
        {method === 'token' && (<>
        <Field id="token" label="API token" error={errorFor('token')} hint={saved?.hasToken ? 'A token is saved. Type a new one only to replace it.' : 'Paste the token your Glean admin created for you.'}>
          {(describedBy, invalid) => (
            <input id="token" type="password" autocomplete="off" value={token} aria-describedby={describedBy} aria-invalid={invalid}
              placeholder={saved?.hasToken ? '•••••••• (saved)' : ''} onInput={(e) => setToken(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="tokenType" label="Token type" hint={global ? 'A global token can act for anyone, so every request names the person: enter their e-mail below.' : 'A user token acts as the person it belongs to.'}>
          {(describedBy) => (
            <select id="tokenType" value={draft.tokenType} aria-describedby={describedBy}
              onChange={(e) => update({ tokenType: e.currentTarget.value as TokenType, actAs: e.currentTarget.value === 'user' ? '' : draft.actAs })}>
              <option value="user">User token</option>
              <option value="global">Global token</option>
            </select>
          )}
        </Field>
        {global && (
          <Field id="actAs" label="Act as (e-mail)" error={errorFor('actAs')} hint="Sent with every request as X-Scio-Actas.">
            {(describedBy, invalid) => (
              <input id="actAs" type="email" autocomplete="email" value={draft.actAs} aria-describedby={describedBy} aria-invalid={invalid}
                onInput={(e) => update({ actAs: e.currentTarget.value })} />
            )}
          </Field>
        )}
        </>)}
        <Field id="userId" label="Your user ID" error={errorFor('userId')} hint="Used to show and upload your own profile picture.">
          {(describedBy, invalid) => (
            <input id="userId" type="text" autocomplete="off" value={draft.userId} aria-describedby={describedBy} aria-invalid={invalid}
              onInput={(e) => update({ userId: e.currentTarget.value })} />
          )}
        </Field>
        {method === 'oauth' && (
          <OAuthSection saved={saved} draft={draft} busy={busy} errorFor={errorFor} showErrors={setFieldErrors} run={run}
            onSaved={(next) => { setSaved(next); setDraft(draftFrom(next)); }} />
        )}
        {method === 'token' && <div class="actions">
          <button type="submit" class="primary" disabled={busy}>Save</button>
          <button type="button" disabled={busy} onClick={onTest}>Test connection</button>
          <button type="button" disabled={busy || !saved?.hasToken} onClick={onForget}>Forget token</button>
        </div>}
        <StatusLine status={status} busy={busy} />
      </form>
      <UploadsSection />
      <SitesSection />
    </main>
  );
}
