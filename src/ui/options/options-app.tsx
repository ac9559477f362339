import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field';
import { Message } from '../components/message';
import { StatusLine, type Status } from '../components/status-line';
import { requestAccess, requestBackendAccess } from '../host-permission';
import { t } from '../../i18n/t';
import { MessageError, send } from '../../messaging/send';
import type { AuthMethod, PublicSettings, TokenType } from '../../settings/types';
import { validateSettings, type FieldError, type SettingsDraft } from '../../settings/validate';
import { OAuthSection } from './oauth-section';
import { isLocked, PolicyNotes, usePolicy } from './policy-parts';
import { SignInMethod } from './sign-in-method';
import { SitesSection } from './sites-section';
import { UploadsSection } from './uploads-section';
import { ScreenshotsSection } from './screenshots-section';

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
  // Unknown until the settings arrive, so a choice made meanwhile cannot be overturned by them.
  const [method, setMethod] = useState<AuthMethod | null>(null);
  const policy = usePolicy();
  const backendLocked = isLocked(policy, 'backend');
  const signInLocked = isLocked(policy, 'signIn');
  // The sites the organisation names are asked for in the same click as the backend: one prompt,
  // and they show Glean images from then on (the background enables them once granted).
  const policySites = policy?.sites ?? [];

  useEffect(() => {
    send('settings.get', null)
      .then((s) => {
        setSaved(s);
        setDraft(draftFrom(s));
        // Nothing set up yet: signing in with Glean, which needs only the backend, comes first.
        setMethod(s.authMethod ?? (s.apiBase ? 'token' : 'oauth'));
      })
      .catch((e) => {
        setMethod('token');
        setStatus({ tone: 'error', text: errorsOf(e).text });
      });
  }, []);

  const update = (patch: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const errorFor = (field: FieldError['field']) => fieldErrors.find((f) => f.field === field)?.message;

  /** Checks the form here first, so obvious mistakes never reach the background or the network. */
  function checkLocally(): string | null {
    const result = validateSettings(draft);
    if ('errors' in result) {
      setFieldErrors(result.errors);
      setStatus({ tone: 'error', text: t('options_correctFields') });
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
    const access = requestAccess([apiBase, ...policySites]); // first, while the click still counts as a gesture
    void run(async () => {
      if (!(await access)) return { tone: 'error', text: t('options_saveNoAccess', new URL(apiBase).origin) };
      const next = await send('settings.save', { draft, ...(token ? { token } : {}) });
      setSaved(next);
      setDraft(draftFrom(next));
      setToken('');
      return { tone: 'ok', text: t('options_saved') };
    }, t('options_saving'));
  }

  function onTest() {
    const apiBase = checkLocally();
    if (!apiBase) return;
    const access = requestBackendAccess(apiBase);
    void run(async () => {
      if (!(await access)) return { tone: 'error', text: t('options_testNoAccess', new URL(apiBase).origin) };
      const report = await send('connection.test', { draft, ...(token ? { token } : {}) });
      return { tone: report.ok ? 'ok' : 'error', text: report.message };
    }, t('options_testing', apiBase));
  }

  function onForget() {
    void run(async () => {
      setSaved(await send('token.forget', null));
      return { tone: 'ok', text: t('options_tokenForgotten') };
    }, t('options_forgettingToken'));
  }

  const global = draft.tokenType === 'global';
  return (
    <main class="page">
      <h1>{t('options_title')}</h1>
      <p class="hint">{t('options_intro')}</p>
      <form onSubmit={onSave} noValidate>
        {/* Inside the form it concerns, so a picture of the form shows it too. */}
        <PolicyNotes policy={policy} />
        <Field id="backend" label={t('options_backendLabel')} error={errorFor('backend')}
          hint={backendLocked ? t('options_policySet') : <Message id="options_backendHint" args={[<code>{'acme'}</code>, <code>{'https://acme-be.glean.com'}</code>]} />}>
          {(describedBy, invalid) => (
            <input id="backend" type="text" autocomplete="off" spellcheck={false} value={draft.backend} aria-describedby={describedBy} aria-invalid={invalid} readOnly={backendLocked}
              onInput={(e) => update({ backend: e.currentTarget.value })} />
          )}
        </Field>
        {method && <SignInMethod value={method} onChange={setMethod} locked={signInLocked} />}
        {method === 'token' && (<>
        <Field id="token" label={t('options_apiToken')} error={errorFor('token')} hint={saved?.hasToken ? t('options_tokenSavedHint') : t('options_tokenPasteHint')}>
          {(describedBy, invalid) => (
            <input id="token" type="password" autocomplete="off" value={token} aria-describedby={describedBy} aria-invalid={invalid}
              placeholder={saved?.hasToken ? t('options_tokenSavedPlaceholder') : ''} onInput={(e) => setToken(e.currentTarget.value)} />
          )}
        </Field>
        <Field id="tokenType" label={t('options_tokenTypeLabel')} hint={global ? t('options_tokenTypeGlobalHint') : t('options_tokenTypeUserHint')}>
          {(describedBy) => (
            <select id="tokenType" value={draft.tokenType} aria-describedby={describedBy}
              onChange={(e) => update({ tokenType: e.currentTarget.value as TokenType, actAs: e.currentTarget.value === 'user' ? '' : draft.actAs })}>
              <option value="user">{t('options_userToken')}</option>
              <option value="global">{t('options_globalToken')}</option>
            </select>
          )}
        </Field>
        {global && (
          <Field id="actAs" label={t('options_actAsLabel')} error={errorFor('actAs')} hint={t('options_actAsHint')}>
            {(describedBy, invalid) => (
              <input id="actAs" type="email" autocomplete="email" value={draft.actAs} aria-describedby={describedBy} aria-invalid={invalid}
                onInput={(e) => update({ actAs: e.currentTarget.value })} />
            )}
          </Field>
        )}
        </>)}
        <Field id="userId" label={t('options_userIdLabel')} error={errorFor('userId')} hint={t('options_userIdHint')}>
          {(describedBy, invalid) => (
            <input id="userId" type="text" autocomplete="off" value={draft.userId} aria-describedby={describedBy} aria-invalid={invalid}
              onInput={(e) => update({ userId: e.currentTarget.value })} />
          )}
        </Field>
        {method === 'oauth' && (
          <OAuthSection saved={saved} draft={draft} busy={busy} errorFor={errorFor} showErrors={setFieldErrors} run={run} locked={signInLocked} alsoAsk={policySites}
            onSaved={(next) => { setSaved(next); setDraft(draftFrom(next)); }} />
        )}
        {method === 'token' && <div class="actions">
          <button type="submit" class="primary" disabled={busy}>{t('common_save')}</button>
          <button type="button" disabled={busy} onClick={onTest}>{t('options_testConnection')}</button>
          <button type="button" disabled={busy || !saved?.hasToken} onClick={onForget}>{t('options_forgetToken')}</button>
        </div>}
        <StatusLine status={status} busy={busy} />
      </form>
      <UploadsSection policy={policy} />
      <ScreenshotsSection />
      <SitesSection policy={policy} />
    </main>
  );
}
