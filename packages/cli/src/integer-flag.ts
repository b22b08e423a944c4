import { UsageError } from './io.js';

/** The range and wording of a numeric flag. */
export interface IntegerFlagRange {
  /** The smallest value accepted. */
  min: number;
  /** The largest value accepted (at most `Number.MAX_SAFE_INTEGER`). */
  max: number;
  /** What the number counts, for the message: `unix seconds`, `seconds`, `jobs`. */
  unit: string;
}

// Plain decimal digits only: `Number()` would also take `1e3`, `0x10`, `0b1`, ` 5`, `5.0` and
// `Infinity`, none of which a user means as a count.
const DIGITS = /^[0-9]+$/;

/**
 * A numeric flag's value: plain decimal digits within `range`, else a usage error (exit 2)
 * that names the flag and what it accepts. `undefined` when the flag was not given.
 *
 * @param command - The command, for the usage error (`jobs`).
 * @param option - The flag as typed (`--limit`).
 * @param value - What followed it.
 * @param range - The accepted range and what the number counts.
 * @example
 * ```ts
 * integerFlag('jobs', '--limit', '50', { min: 1, max: 1_000_000, unit: 'jobs' }); // 50
 * integerFlag('jobs', '--limit', '1e3', { min: 1, max: 1_000_000, unit: 'jobs' }); // throws UsageError
 * ```
 */
export function integerFlag(
  command: string,
  option: string,
  value: string | undefined,
  range: IntegerFlagRange,
): number | undefined {
  if (value === undefined) return undefined;
  // Leading zeros are still decimal (`007` is 7). Past 16 significant digits the number is
  // out of any safe range whatever it is, and would round: refuse it unconverted.
  const digits = value.replace(/^0+(?=[0-9])/, '');
  const number = DIGITS.test(value) && digits.length <= 16 ? Number(digits) : Number.NaN;
  if (!(number >= range.min && number <= range.max)) {
    throw new UsageError(
      `${option} ${JSON.stringify(value)} is not a whole number of ${range.unit} from ${range.min} to ${range.max} (decimal digits only)`,
      command,
    );
  }
  return number;
}
