/**
 * The bench's targets: each is printed with "met" or "NOT met" where it is measured, and
 * `npm run bench -- --check` exits non-zero when any was not met. Timing belongs here, not in
 * tests: CI does not run the bench.
 */
const results: { name: string; met: boolean; shown: string }[] = [];

/** "met" or "NOT met" for `ok`, remembered under `name` for the summary and `--check`. */
export function verdict(name: string, ok: boolean, shown: string): string {
  results.push({ name, met: ok, shown });
  return ok ? 'met' : 'NOT met';
}

/** The middle value (upper middle for an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The value below which `p` (0..1) of `xs` lie, nearest-rank. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Prints every target once more, and returns how many were not met. */
export function summarize(): number {
  console.log('\ntargets:');
  for (const r of results) console.log(`  ${r.met ? 'met    ' : 'NOT met'}  ${r.name}: ${r.shown}`);
  return results.filter((r) => !r.met).length;
}
