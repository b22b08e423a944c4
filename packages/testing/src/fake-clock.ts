/** A clock that moves only when told to. */
export interface FakeClock {
  /**
   * The current time in milliseconds since the epoch. A plain function (no `this`): pass it as
   * a receiver's `clock` and a memory store's `now`.
   */
  readonly now: () => number;
  /** The current time in whole unix seconds, for signing. */
  readonly nowSeconds: () => number;
  /** Moves the clock forward by `ms` (not backwards: stores expect a monotonic clock); returns the new time. */
  advance(ms: number): number;
  /** Sets the time in milliseconds since the epoch. */
  set(ms: number): void;
}

/**
 * A fake clock for tests: signature windows, store leases and retention move with it, not
 * with the wall clock, so a test can step through a sender's three-day retry schedule at once.
 *
 * @param startMs - The starting time in milliseconds since the epoch. @default Date.now()
 * @example
 * ```ts
 * const clock = createFakeClock(Date.UTC(2026, 0, 1));
 * const receiver = createReceiver({ scheme, clock: clock.now, store: createMemoryStore({ now: clock.now }) });
 * clock.advance(10 * 60_000); // a signature made before this is now 10 minutes old
 * ```
 */
export function createFakeClock(startMs: number = Date.now()): FakeClock {
  check(startMs, 'startMs');
  let current = startMs;
  return {
    now: () => current,
    nowSeconds: () => Math.floor(current / 1000),
    advance(ms) {
      check(ms, 'advance(ms)');
      if (ms < 0) throw new RangeError('advance(ms) takes a duration of 0 or more; use set() to go back');
      current += ms;
      return current;
    },
    set(ms) {
      check(ms, 'set(ms)');
      current = ms;
    },
  };
}

function check(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number of milliseconds`);
}
