import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { formatBytes, formatDimensions, formatType } from './format';
import type { PickedFile } from './picked-file';
import { useBlobUrl } from './use-blob-url';

/** A chosen file before upload: thumbnail, name, type, dimensions and size, and any note. */
export function FilePreview({ picked, children }: { picked: PickedFile; children?: ComponentChildren }) {
  // Previewed only once its header has stated a size within the pixel limit (an SVG drawing has none).
  const url = useBlobUrl(picked.refusal || !(picked.width || picked.svg) ? null : picked.file);
  const [size, setSize] = useState({ width: picked.width ?? 0, height: picked.height ?? 0 });
  return (
    <li class="item">
      <div class="thumb">
        {url && <img src={url} alt="" onLoad={(e) => setSize({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })} />}
      </div>
      <div class="item-body">
        <p class="item-name" title={picked.name}>{picked.name}</p>
        <p class="hint item-facts">
          {picked.refusal && !picked.width ? formatBytes(picked.size) : `${formatType(picked.mime)} · ${formatDimensions(size.width, size.height)} · ${formatBytes(picked.size)}`}
        </p>
        {picked.refusal && <p class="error">{picked.refusal}</p>}
        {children}
      </div>
    </li>
  );
}
