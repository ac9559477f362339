import { t, type MessageKey } from '../../i18n/t';
import { RedirectUrl } from './redirect-url';

/** Why the extension could not register itself, as the background answered it. */
export interface RegistrationProblem {
  kind: 'oauth-registration-unavailable' | 'oauth-registration-refused' | 'oauth-redirect-not-allowed';
  redirectUrl?: string;
}

const KINDS: RegistrationProblem['kind'][] = ['oauth-registration-unavailable', 'oauth-registration-refused', 'oauth-redirect-not-allowed'];

/** The problem in an error the background sent, or null when the error is about something else. */
export function registrationProblem(info: { kind?: string; redirectUrl?: string } | undefined): RegistrationProblem | null {
  const kind = KINDS.find((k) => k === info?.kind);
  if (!kind) return null;
  return { kind, ...(info?.redirectUrl ? { redirectUrl: info.redirectUrl } : {}) };
}

const NEXT_STEP: Record<RegistrationProblem['kind'], MessageKey> = {
  'oauth-registration-unavailable': 'options_registrationNotOfferedNext',
  'oauth-registration-refused': 'options_registrationRefusedNext',
  'oauth-redirect-not-allowed': 'options_registrationRedirectNext',
};

/**
 * What to do when self-registration is not possible (the status line already says why): ask the
 * admin for a client ID, or, for a redirect URL the tenant's patterns do not allow, give the admin
 * that URL to allow.
 */
export function RegistrationHelp({ problem }: { problem: RegistrationProblem }) {
  return (
    <div class="field registration-help" data-problem={problem.kind}>
      <p>{t(NEXT_STEP[problem.kind])}</p>
      {problem.redirectUrl && <RedirectUrl value={problem.redirectUrl} hint={t('options_redirectUrlForAdmin')} />}
    </div>
  );
}
