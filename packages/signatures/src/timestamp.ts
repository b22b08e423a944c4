import { WebhookError } from './errors.js';

/** Options of every scheme that signs a timestamp. */
export interface TimestampOptions {
  /**
   * How old a signed timestamp may be, in seconds. `Infinity` turns the check off.
   * @default the scheme's documented window (300 s for most)
   */
  tolerance?: number | undefined;
  /**
   * How far in the future a signed timestamp may be, in seconds. Clock skew goes both ways,
   * so it defaults to `tolerance`; `Infinity` gives the one-sided behaviour of the Stripe and
   * Slack SDKs.
   * @default tolerance
   */
  futureTolerance?: number | undefined;
}

const INTEGER = /^\d{1,16}$/;

/**
 * Parses a signed timestamp strictly: digits only. The SDKs' `parseInt` accepts
 * `"1614265330abc"`; a strict parser refuses what the sender did not sign.
 */
export function parseTimestamp(value: string, where: string): number {
  if (!INTEGER.test(value)) throw new WebhookError('MALFORMED_HEADER', `${where} is not a whole number`);
  return Number(value);
}

/**
 * Throws `TIMESTAMP_OUT_OF_RANGE` when `timestamp` (in `unit`s since the epoch) is outside
 * the window around `nowMs`. Both boundaries are inclusive.
 */
export function checkTimestamp(
  timestamp: number,
  nowMs: number,
  options: TimestampOptions,
  defaultTolerance: number,
  unit: 'seconds' | 'milliseconds' = 'seconds',
): void {
  const past = options.tolerance ?? defaultTolerance;
  const future = options.futureTolerance ?? past;
  // Seconds are compared as whole seconds (as every SDK does); milliseconds exactly.
  const ageSeconds = unit === 'seconds' ? Math.floor(nowMs / 1000) - timestamp : (nowMs - timestamp) / 1000;
  if (ageSeconds > past) {
    throw new WebhookError(
      'TIMESTAMP_OUT_OF_RANGE',
      `signed timestamp is ${ageSeconds} s old, more than the ${past} s tolerance; check the server clock or a queue that delayed the request`,
    );
  }
  if (-ageSeconds > future) {
    throw new WebhookError(
      'TIMESTAMP_OUT_OF_RANGE',
      `signed timestamp is ${-ageSeconds} s in the future, more than the ${future} s tolerance; check the server clock`,
    );
  }
}

/**
 * The timestamp to sign, in whole seconds: the one given (rounded down, as stripe-node does,
 * so `Date.now() / 1000` works) or now. Verifiers accept digits only.
 */
export function signingTimestamp(timestamp: number | undefined): number {
  return Math.floor(timestamp ?? Date.now() / 1000);
}

/** The widest window (seconds, past or future) that `options` let through. */
export function widestWindow(options: TimestampOptions, defaultTolerance: number): number {
  // Checked when the scheme is made: a NaN (`Number(process.env.UNSET)`) compares false both
  // ways and would turn the freshness check off without a word.
  for (const name of ['tolerance', 'futureTolerance'] as const) {
    const value: unknown = options[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      throw new WebhookError(
        'INVALID_CONFIGURATION',
        `${name} must be a number of seconds, 0 or more (Infinity turns the check off), not ${String(value)}`,
      );
    }
  }
  const past = options.tolerance ?? defaultTolerance;
  return Math.max(past, options.futureTolerance ?? past);
}
