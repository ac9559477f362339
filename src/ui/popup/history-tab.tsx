import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import type { HistoryEntry } from '../../history/types';
import { send } from '../../messaging/send';
import type { QueuePause } from '../../queue/types';
import { StatusLine, type Status } from '../components/status-line';
import { ClearHistory } from './clear-history';
import { messageOf } from './format';
import { HistoryRow } from './history-row';
import { JobRow } from './job-row';
import { useJobs, useQueueEvents } from './use-queue-events';

const HISTORY_LIMIT = 100;
/**
 * How long after a finished job the history is read again: uploads finish in bursts (three at a
 * time by default), and one read after the burst shows them all.
 */
export const HISTORY_RELOAD_DELAY_MS = 250;

/**
 * The History tab: unfinished uploads with Retry and Cancel, then recent uploads with copy formats.
 * `highlight`: a job id to scroll to, mark and focus (the in-page toast's "Show").
 */
export function HistoryTab({ highlight }: { highlight?: string } = {}) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [loadError, setLoadError] = useState('');
  const [initialPause, setInitialPause] = useState<QueuePause | null>(null);
  const [gone, setGone] = useState<Set<string>>(new Set());
  const [status, setStatus] = useState<Status | null>(null);
  const [queueRead, setQueueRead] = useState(false);
  const { jobs, pause: eventPause, remember } = useJobs();

  const loadHistory = useCallback(
    () => send('history.list', { limit: HISTORY_LIMIT }).then(setEntries, (e: unknown) => setLoadError(messageOf(e))),
    [],
  );

  useEffect(() => {
    void loadHistory();
    send('upload.status', null).then(
      (queue) => {
        queue.jobs.forEach(remember);
        setInitialPause(queue.pause);
      },
      (e: unknown) => setStatus({ tone: 'error', text: t('popup_queueUnreadable', messageOf(e)) }),
    ).finally(() => setQueueRead(true));
  }, [loadHistory, remember]);

  // A finished job lands in the history: read it again, once for a burst of finishes.
  const reload = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(reload.current), []);
  useQueueEvents((broadcast) => {
    if (!broadcast.jobs.some((j) => j.state === 'done')) return;
    clearTimeout(reload.current);
    reload.current = setTimeout(() => void loadHistory(), HISTORY_RELOAD_DELAY_MS);
  });

  const pause = eventPause ?? initialPause;
  const pending = Object.values(jobs)
    .filter((j) => j.state !== 'done' && j.state !== 'cancelled' && !gone.has(j.id))
    .sort((a, b) => a.createdAt - b.createdAt);

  const act = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setStatus({ tone: 'ok', text: done });
    } catch (e) {
      setStatus({ tone: 'error', text: messageOf(e) });
    }
  };

  const onRetry = (id: string) => act(async () => remember(await send('upload.retry', { id })), t('popup_queuedAgain'));
  const onCancel = (id: string) =>
    act(async () => {
      await send('upload.cancel', { id });
      setGone((g) => new Set(g).add(id));
    }, t('popup_cancelled'));
  const onClear = () =>
    act(async () => {
      await send('history.clear', null);
      setEntries([]);
    }, t('popup_historyCleared'));

  return (
    <div class="history-tab">
      {pending.length > 0 && (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">{t('popup_inQueue', pending.length)}</h2>
          <ul class="items">
            {pending.map((job) => (
              <JobRow key={job.id} job={job} pause={pause} onRetry={() => void onRetry(job.id)} onCancel={() => void onCancel(job.id)} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="history-title">
        <div class="section-head">
          <h2 id="history-title">{t('popup_recentUploads')}</h2>
          <ClearHistory count={entries?.length ?? 0} onClear={onClear} disabled={!entries} />
        </div>
        <StatusLine status={status} />
        {loadError && <p class="error" role="alert">{t('popup_historyUnreadable', loadError)}</p>}
        {!entries && !loadError && <p class="hint" role="status">{t('popup_loadingHistory')}</p>}
        {entries?.length === 0 && <p class="hint">{t('popup_noUploadsYet')}</p>}
        {entries && entries.length > 0 && (
          <ul class="items">
            {entries.map((entry) => <HistoryRow key={entry.id} entry={entry} highlighted={entry.id === highlight} />)}
          </ul>
        )}
        {highlight && entries && queueRead && !entries.some((e) => e.id === highlight) && !pending.some((j) => j.id === highlight) && (
          <p class="hint">{t('popup_highlightGone')}</p>
        )}
      </section>
    </div>
  );
}
