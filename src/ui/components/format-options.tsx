/** The output formats an upload can be converted to, as <option>s; shared by popup and options. */
export const OUTPUT_FORMATS = [
  { value: 'keep', label: 'Keep' },
  { value: 'png', label: 'PNG' },
  { value: 'jpeg', label: 'JPEG' },
  { value: 'webp', label: 'WebP' },
] as const;

/** The <option>s for a format <select>. */
export function FormatOptions() {
  return (
    <>
      {OUTPUT_FORMATS.map((f) => (
        <option key={f.value} value={f.value}>
          {f.label}
        </option>
      ))}
    </>
  );
}
