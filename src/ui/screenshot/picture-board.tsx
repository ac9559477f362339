import { useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/t';
import { rectBetween, clampRect, type Rect } from '../../screenshots/geometry';
import type { Redaction } from '../../screenshots/compose';

/** What a drag on the picture draws. */
export type Tool = 'crop' | 'black' | 'pixelate';

interface BoardProps {
  src: string;
  size: { width: number; height: number };
  crop: Rect;
  boxes: readonly Redaction[];
  tool: Tool;
  /** A rectangle drawn with the pointer, in the capture's pixels. */
  onDraw: (rect: Rect) => void;
}

const pct = (v: number, of: number) => `${(v / of) * 100}%`;
const place = (r: Rect, size: { width: number; height: number }) => ({
  left: pct(r.x, size.width),
  top: pct(r.y, size.height),
  width: pct(r.width, size.width),
  height: pct(r.height, size.height),
});

/** The capture with the crop and the boxes over it; a drag draws with the chosen tool. */
export function PictureBoard({ src, size, crop, boxes, tool, onDraw }: BoardProps) {
  const frame = useRef<HTMLDivElement>(null);
  const [start, setStart] = useState<{ x: number; y: number } | null>(null);
  const [drawing, setDrawing] = useState<Rect | null>(null);

  /** A pointer position in the capture's pixels. */
  const at = (e: PointerEvent) => {
    const box = frame.current!.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / box.width) * size.width, y: ((e.clientY - box.top) / box.height) * size.height };
  };
  const end = (e: PointerEvent) => {
    if (!start) return;
    const rect = clampRect(rectBetween(start, at(e)), size);
    setStart(null);
    setDrawing(null);
    if (rect.width >= 2 && rect.height >= 2) onDraw(rect);
  };

  return (
    <div class={`board tool-${tool}`} ref={frame}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
        setStart(at(e));
      }}
      onPointerMove={(e) => start && setDrawing(clampRect(rectBetween(start, at(e)), size))}
      onPointerUp={end}>
      <img src={src} alt={t('shot_pictureAlt')} draggable={false} />
      {boxes.map((b, i) => <div key={i} class={`redaction ${b.mode}`} style={place(b, size)} />)}
      <div class="crop" style={place(crop, size)} />
      {drawing && <div class={`drawing ${tool}`} style={place(drawing, size)} />}
    </div>
  );
}
