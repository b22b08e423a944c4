/**
 * The `ratio …` lines every figure prints, each with its target and a verdict, and the
 * environment knobs that bound a run.
 */

/** A target: the measured ratio must be at most `max` or at least `min`. */
export type Target = { max: number } | { min: number };

const lines: string[] = [];

/** Formats a ratio line, keeps it for {@link printVerdicts}, and returns whether it meets the target. */
export function verdict(label: string, ratio: number, target: Target, detail = ''): boolean {
  const meets = 'max' in target ? ratio <= target.max : ratio >= target.min;
  const bound = 'max' in target ? `<= ${target.max}` : `>= ${target.min}`;
  const tail = detail ? `; ${detail}` : '';
  lines.push(`ratio ${label}: ${ratio.toFixed(2)}x (target ${bound}: ${meets ? 'meets' : 'MISSES'})${tail}`);
  return meets;
}

/** A ratio line with no target (context, such as an SDK's ratio or a fact such as a count). */
export function note(label: string, text: string): void {
  lines.push(`ratio ${label}: ${text}`);
}

/** Prints the collected lines after the tables, where they are easy to find. */
export function printVerdicts(): void {
  console.log(`\n${lines.join('\n')}`);
  lines.length = 0;
}

/** A number from the environment, or the default; positive, or also 0 with `zero` (a switch that turns something off). */
export function envNumber(name: string, fallback: number, options: { zero?: boolean } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !options.zero)) {
    throw new RangeError(`${name} must be a positive number${options.zero ? ' or 0' : ''}`);
  }
  return value;
}

/** A comma-separated list of numbers from the environment, or the default. */
export function envList(name: string, fallback: readonly number[]): number[] {
  const raw = process.env[name];
  return raw ? raw.split(',').map(Number) : [...fallback];
}

/** `16 KiB` for 16384. */
export function formatBytes(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`;
}
