import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { filesFrom } from './picked-file';

const MAC = /Mac|iPhone|iPad/.test(navigator.platform);

interface FilePickerProps {
  onFiles: (files: File[]) => void;
  /** Listen for Ctrl/Cmd+V only while the Upload tab is shown. */
  active: boolean;
  disabled?: boolean;
  children?: ComponentChildren;
}

/**
 * "Choose images" (a button for a hidden file input), a drop zone around the tab, and paste.
 * A paste of text into a field goes on as usual; only pasted files are taken.
 */
export function FilePicker({ onFiles, active, disabled, children }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const latest = useRef(onFiles);
  latest.current = onFiles;

  useEffect(() => {
    if (!active || disabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = filesFrom(event.clipboardData);
      if (!files.length) return;
      event.preventDefault();
      latest.current(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [active, disabled]);

  const onDragOver = (event: DragEvent) => {
    if (disabled || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent) => {
    setOver(false);
    if (disabled) return;
    const files = filesFrom(event.dataTransfer ?? null);
    if (!files.length) return;
    event.preventDefault();
    onFiles(files);
  };

  return (
    <div class={`dropzone${over ? ' dropzone-over' : ''}`} onDragOver={onDragOver} onDragLeave={() => setOver(false)} onDrop={onDrop}>
      <div class="dropzone-bar">
        <button type="button" class="primary" disabled={disabled} onClick={() => input.current?.click()}>
          {t('popup_chooseImages')}
        </button>
        <span class="hint">{t('popup_dropOrPaste', MAC ? '⌘V' : t('popup_pasteKeys'))}</span>
      </div>
      <input
        ref={input}
        type="file"
        accept="image/*,.svg"
        multiple
        hidden
        aria-label={t('popup_chooseImages')}
        onChange={(e) => {
          const files = Array.from(e.currentTarget.files ?? []);
          e.currentTarget.value = ''; // choosing the same file again still fires change
          if (files.length) onFiles(files);
        }}
      />
      {children}
    </div>
  );
}
