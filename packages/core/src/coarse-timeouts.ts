/**
 * Time limits checked by one shared interval instead of a timer each. A Node timer costs
 * about a microsecond to set and clear, which a webhook pays on every request for a limit
 * that almost never fires (the body-read time limit); entering and leaving a set costs a
 * tenth of that. The price is precision: a limit fires up to an eighth of itself late
 * (at most a second), which suits a guard against a slow sender.
 *
 * Node only: the interval outlives the request that started it, which a Worker does not
 * allow (its timers die with their request), so the web path keeps one timer per limit.
 */

/** One limit being watched. */
interface Watch {
  /** `performance.now()` at which it expires. */
  readonly at: number;
  readonly expire: () => void;
}

/** The longest and shortest time between two checks. */
const MAX_PERIOD_MS = 1_000;
const MIN_PERIOD_MS = 5;

const watches = new Set<Watch>();
let sweeper: ReturnType<typeof setInterval> | undefined;
let periodMs = Number.POSITIVE_INFINITY;

/**
 * Calls `expire` once `timeoutMs` has passed (up to an eighth of it later, at most a second),
 * unless the returned function is called first.
 *
 * @example
 * ```ts
 * const cancel = expireAfter(10_000, () => refuse('too slow'));
 * stream.once('end', cancel);
 * ```
 */
export function expireAfter(timeoutMs: number, expire: () => void): () => void {
  const watch: Watch = { at: performance.now() + timeoutMs, expire };
  watches.add(watch);
  const wanted = Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, timeoutMs / 8));
  if (wanted < periodMs) startSweeping(wanted);
  return () => {
    watches.delete(watch);
  };
}

function startSweeping(everyMs: number): void {
  if (sweeper !== undefined) clearInterval(sweeper);
  periodMs = everyMs;
  sweeper = setInterval(sweep, everyMs);
  // A pending limit alone must not keep the process alive: the request it guards does.
  sweeper.unref();
}

/**
 * Fires the limits that have passed. The interval stops only when a check finds nothing to
 * watch, so under load it is set once, not once per request.
 */
function sweep(): void {
  const now = performance.now();
  for (const watch of watches) {
    if (watch.at > now) continue;
    watches.delete(watch);
    watch.expire();
  }
  if (watches.size === 0 && sweeper !== undefined) {
    clearInterval(sweeper);
    sweeper = undefined;
    periodMs = Number.POSITIVE_INFINITY;
  }
}
