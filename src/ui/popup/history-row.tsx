import { altFor } from '../../history/copy-formats';
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

/** One finished upload: thumbnail, name, metadata and facts, and the copy formats. */
export function HistoryRow({ entry }: { entry: HistoryEntry }) {
  const thumb = useBlobUrl(entry.thumbnail);
  const name = entryName(entry);
  const meta = [entry.metadata.type, entry.metadata.id, entry.metadata.ds, entry.metadata.cid].filter(Boolean).join(' · ');
  return (
    <li class="item">
      <div class="thumb">{thumb && <img src={thumb} alt="" />}</div>
      <div class="item-body">
        <p class="item-name" title={name}>{name}</p>
        <p class="hint">{meta}</p>
        <p class="hint">
          {formatType(entry.mime)} · {formatDimensions(entry.width, entry.height)} · {formatBytes(entry.size)} · {formatTime(entry.createdAt, true)}
          {entry.actAs ? ` · as ${entry.actAs}` : ''}
        </p>
        <CopyButtons source={{ key: entry.key, url: entry.url, alt: altFor(entry) }} label={`Copy ${name}`} />
      </div>
    </li>
  );
}
