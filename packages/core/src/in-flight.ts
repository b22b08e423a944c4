/**
 * The deliveries a receiver has under way, so that `receiver.close()` can wait for them: each
 * `handle` call from its start to its answer, and the work some answers leave behind (queue
 * mode's completion, sent after the answer to save a round trip).
 */
export interface InFlight {
  /** `true` once {@link InFlight.close} was called: no new delivery may start. */
  readonly closed: boolean;
  /** A delivery starts. */
  enter(): void;
  /** A delivery (or the work it left behind) is finished. */
  leave(): void;
  /** Counts work that goes on after the answer until it settles (it must never reject). */
  track(work: void | Promise<void>): void;
  /** Refuses new deliveries from now on; resolves once nothing is under way. */
  close(): Promise<void>;
}

/** A counter of the deliveries under way, with one wait for the count to reach zero. */
export function createInFlight(): InFlight {
  let count = 0;
  let closed = false;
  let drained: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const leave = () => {
    if (--count === 0 && wake) {
      wake();
      wake = undefined;
    }
  };
  return {
    get closed() {
      return closed;
    },
    enter() {
      count++;
    },
    leave,
    track(work) {
      if (!work) return;
      count++;
      work.then(leave, leave);
    },
    close() {
      closed = true;
      drained ??=
        count === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              wake = resolve;
            });
      return drained;
    },
  };
}
