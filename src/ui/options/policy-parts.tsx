import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { send } from '../../messaging/send';
import type { PolicyField, PolicyView } from '../../policy/types';
import { Message } from '../components/message';

/** The organisation's policy as the options page needs it; null until known (or when unreadable). */
export function usePolicy(): PolicyView | null {
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  useEffect(() => {
    // Without an answer nothing is shown as locked; the background still refuses locked changes.
    send('policy.get', null).then(setPolicy, () => undefined);
  }, []);
  return policy;
}

/** Whether the policy sets `field` and locks it, so the page shows it read-only. */
export function isLocked(policy: PolicyView | null | undefined, field: PolicyField): boolean {
  return Boolean(policy?.lock && policy.set.includes(field));
}

/** The words next to a locked setting. */
export function SetByOrganisation() {
  return <p class="hint managed">{t('options_policySet')}</p>;
}

/** The policy values that were ignored, each with why; nothing when there are none. */
export function PolicyNotes({ policy }: { policy: PolicyView | null }) {
  if (!policy?.notes.length) return null;
  return (
    <div class="policy-notes" role="note">
      <p>{t('options_policyNotesTitle')}</p>
      <ul>
        {policy.notes.map((n, i) => <li key={i}><Message id="options_policyNote" args={[<code>{n.key}</code>, n.message]} /></li>)}
      </ul>
    </div>
  );
}
