/**
 * Time limits checked by one shared interval instead of a timer each. A Node timer costs
 * about a microsecond to set and clear, which a webhook pays on every request for a limit
 * that almost never fires (the body-read time limit); entering and leaving a linked list
 * costs a few dozen nanoseconds. The price is precision: a limit fires up to an eighth of
 * itself late (at most a second), which suits a guard against a slow sender.
 *
 * Node only: the interval outlives the request that started it, which a Worker does not
 * allow (its timers die with their request), so the web path keeps one timer per limit.
 */

/**
 * One limit being watched, a link of the list of pending limits. A list and not a `Set`:
 * entering and leaving one cost the Node layer's body read about a quarter of a microsecond
 * more per read than the list (the read alone, 2 KiB bodies, one limit per read), and the
 * list allocates nothing but the watch.
 */
interface Watch {
  /** `performance.now()` at which it expires. */
  readonly at: number;
  readonly expire: () => void;
  previous: Watch | undefined;
  next: Watch | undefined;
  /** Still in the list (not yet fired or cancelled). */
  pending: boolean;
}

/** The longest and shortest time between two checks. */
const MAX_PERIOD_MS = 1_000;
const MIN_PERIOD_MS = 5;

let first: Watch | undefined;
let last: Watch | undefined;
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
  const watch: Watch = {
    at: performance.now() + timeoutMs,
    expire,
    previous: last,
    next: undefined,
    pending: true,
  };
  if (last) last.next = watch;
  else first = watch;
  last = watch;
  const wanted = Math.min(MAX_PERIOD_MS, Math.max(MIN_PERIOD_MS, timeoutMs / 8));
  if (wanted < periodMs) startSweeping(wanted);
  return () => unlink(watch);
}

function unlink(watch: Watch): void {
  if (!watch.pending) return;
  watch.pending = false;
  const { previous, next } = watch;
  if (previous) previous.next = next;
  else first = next;
  if (next) next.previous = previous;
  else last = previous;
  // Let the garbage collector take a fired or cancelled watch even while a neighbour lives on.
  watch.previous = undefined;
  watch.next = undefined;
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
  const expired: Watch[] = [];
  for (let watch = first; watch !== undefined; watch = watch.next) {
    if (watch.at <= now) expired.push(watch);
  }
  // Fired after the walk, each unless an earlier `expire` cancelled it: an `expire` may
  // cancel other limits or set new ones.
  for (const watch of expired) {
    if (!watch.pending) continue;
    unlink(watch);
    watch.expire();
  }
  if (first === undefined && sweeper !== undefined) {
    clearInterval(sweeper);
    sweeper = undefined;
    periodMs = Number.POSITIVE_INFINITY;
  }
}
