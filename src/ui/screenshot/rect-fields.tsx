import { t } from '../../i18n/t';
import { clampRect, type Rect } from '../../screenshots/geometry';

/** X, Y, width and height of a rectangle as number fields: the keyboard's way to crop and redact. */
export function RectFields({ idPrefix, value, bounds, onChange, disabled }: { idPrefix: string; value: Rect; bounds: { width: number; height: number }; onChange: (r: Rect) => void; disabled?: boolean }) {
  const field = (name: keyof Rect, label: string) => (
    <div class="field small-number">
      <label for={`${idPrefix}-${name}`}>{label}</label>
      <input id={`${idPrefix}-${name}`} type="number" min={0} step={1} value={value[name]} disabled={disabled}
        onChange={(e) => {
          const n = Number(e.currentTarget.value);
          if (Number.isFinite(n)) onChange(clampRect({ ...value, [name]: n }, bounds));
        }} />
    </div>
  );
  return (
    <div class="rect-fields">
      {field('x', t('shot_x'))}
      {field('y', t('shot_y'))}
      {field('width', t('shot_width'))}
      {field('height', t('shot_height'))}
    </div>
  );
}
