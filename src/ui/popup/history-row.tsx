import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n/t';
import { altFor } from '../../history/copy-formats';
import { sentAgainNote } from '../../history/sent-again';
import type { HistoryEntry } from '../../history/types';
import { CopyButtons } from './copy-buttons';
import { fileNameOf, formatBytes, formatDimensions, formatTime, formatType } from './format';
import { useBlobUrl } from './use-blob-url';

/** What an entry is called: its file name, its page image's name, or its metadata. */
export function entryName(entry: HistoryEntry): string {
  if (entry.fileName) return entry.fileName;
  if (entry.srcUrl) return fileNameOf(entry.srcUrl);
  return [entry.metadata.type, entry.metadata.id].filter(Boolean).join(' ');
}

/** One finished upload: thumbnail, name, metadata and facts, and the copy formats; `highlighted` is scrolled to and focused once. */
export function HistoryRow({ entry, highlighted = false }: { entry: HistoryEntry; highlighted?: boolean }) {
  const thumb = useBlobUrl(entry.thumbnail);
  const row = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (!highlighted) return;
    row.current?.scrollIntoView?.({ block: 'center' });
    row.current?.focus({ preventScroll: true });
  }, [highlighted]);
  const name = entryName(entry);
  const meta = [entry.metadata.type, entry.metadata.id, entry.metadata.ds, entry.metadata.cid].filter(Boolean).join(' · ');
  return (
    <li ref={row} class={highlighted ? 'item highlighted' : 'item'} aria-current={highlighted ? 'true' : undefined} tabIndex={highlighted ? -1 : undefined}>
      <div class="thumb">{thumb && <img src={thumb} alt="" />}</div>
      <div class="item-body">
        <p class="item-name" title={name}>{name}</p>
        <p class="hint">{meta}</p>
        <p class="hint">
          {formatType(entry.mime)} · {formatDimensions(entry.width, entry.height)} · {formatBytes(entry.size)} · {formatTime(entry.createdAt, true)}
          {entry.actAs ? ` · ${t('popup_asPerson', entry.actAs)}` : ''}
        </p>
        {entry.resent && <p class="hint sent-again">{sentAgainNote(entry.metadata.type)}</p>}
        <CopyButtons source={{ key: entry.key, url: entry.url, alt: altFor(entry) }} label={t('popup_copyNamed', name)} />
      </div>
    </li>
  );
}
