/**
 * The part of "This page" that says which Glean images of the tab did not show, and why: the
 * browser loads them itself with the token, so this is the only place a failure is explained
 * (nothing is written into the page).
 */
import { useEffect, useState } from 'preact/hooks';
import { t, tCount } from '../../i18n/t';
import type { PageImageReport } from '../../messaging/protocol';
import { send } from '../../messaging/send';

/** A URL short enough to read in the popup: its query, which names the image. */
function shortUrl(url: string): string {
  try {
    return decodeURIComponent(new URL(url).search.slice(1));
  } catch {
    return url;
  }
}

/** Glean images of `tabId` that did not show; nothing while all is well. */
export function GleanImageReport({ tabId }: { tabId: number }) {
  const [report, setReport] = useState<PageImageReport | null>(null);
  useEffect(() => void send('tab.gleanImages', { tabId }).then(setReport, () => setReport(null)), [tabId]);
  if (!report || (report.problems.length === 0 && report.enabled)) return null;
  return (
    <section class="glean-report" aria-labelledby="glean-report-title">
      <h2 id="glean-report-title">{t('popup_gleanImagesTitle')}</h2>
      {!report.enabled && <p class="hint">{t('popup_gleanImagesSiteOff')}</p>}
      {report.problems.length > 0 && (
        <>
          <p class="notice">{tCount('popup_gleanImagesNotShown', report.problems.length)}</p>
          <ul class="glean-problems">
            {report.problems.map((p) => (
              <li key={p.url}>
                <code title={p.url}>{shortUrl(p.url)}</code>: {p.error.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
