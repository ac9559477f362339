// What the hard-coded string check must catch, and what it must leave alone (code, not words).
// Not imported by anything: the check parses it.
import { t } from '../../../src/i18n/t';

export function Fixture({ seconds, kind }: { seconds: number; kind: string }) {
  const unknown = seconds > 0 ? `${seconds}` : 'size unknown';
  if (kind === 'Escape') console.log('Debug output is for developers');
  return (
    <div class="actions tight" data-kind="Some Thing">
      <p>Save the picture</p>
      <button type="button" aria-label="Close" title={t('extName')}>
        {`Try again in ${seconds}`}
        {unknown}
      </button>
      <span>{['Upload'][0]}</span>
    </div>
  );
}
