import { BATCH, retryNoScript, type StoreOp } from './scripts.js';

/** The two calls a batch needs from an ioredis client. */
export interface ScriptClient {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
}

/** Runs one store operation on one key; resolves with its script's reply. */
export type RunOp = (op: StoreOp, key: string, args: string[]) => Promise<unknown>;

/** How the store bounds a Redis call in time, and turns a failure into its own error. */
export interface Bounds {
  /** The call, bounded in time, its failure turned into the store's error. */
  bound(call: Promise<unknown>): Promise<unknown>;
  /** The store's error for a Redis error. */
  failed(cause: unknown): Error;
}

/** The most operations one script call carries: a script blocks Redis while it runs. */
export const MAX_BATCH = 128;

/** One operation waiting for the end of the event-loop turn. */
interface Call {
  op: StoreOp;
  key: string;
  args: string[];
  resolve: (reply: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs the operations made during one event-loop turn as one call of the {@link BATCH} script.
 * Under load one turn ends the Redis work of many deliveries (a burst of requests, a batch
 * of answers from the queue: 16 on average at saturation in queue mode), and on ioredis each
 * command costs more on the client than its script costs in Redis (an object per command, its
 * encoding, a reply to decode, a time limit). One call per turn pays that once, and Redis runs
 * one script instead of many. The operations run in the order they were made and each gets
 * its own reply. `setImmediate` runs once the turn's I/O callbacks are done, so an operation
 * waits at most for the rest of its turn; the time limit (`bound`) runs from there.
 *
 * Not for a Redis Cluster: a script's keys must share one slot.
 */
export function batchedOperations(client: ScriptClient, { bound, failed }: Bounds): RunOp {
  let waiting: Call[] = [];

  const flush = () => {
    const calls = waiting;
    waiting = [];
    for (let start = 0; start < calls.length; start += MAX_BATCH) {
      send(calls.length <= MAX_BATCH ? calls : calls.slice(start, start + MAX_BATCH));
    }
  };

  const send = (calls: Call[]) => {
    const keysAndArgs = calls.map((call) => call.key);
    for (const call of calls) keysAndArgs.push(call.op, ...call.args);
    const reply = retryNoScript(
      () => client.evalsha(BATCH.sha1, calls.length, ...keysAndArgs),
      () => client.eval(BATCH.source, calls.length, ...keysAndArgs),
    ).then((replies) => {
      if (Array.isArray(replies) && replies.length === calls.length) return replies;
      throw new Error(`the batch script answered ${String(replies)} to ${calls.length} operations`);
    });
    bound(reply).then(
      (replies) => {
        for (const [index, call] of calls.entries()) {
          const reply = (replies as unknown[])[index];
          // One operation's own error (the others ran): only its caller fails.
          if (reply instanceof Error) call.reject(failed(reply));
          else call.resolve(reply);
        }
      },
      (error: unknown) => {
        for (const call of calls) call.reject(error);
      },
    );
  };

  return (op, key, args) =>
    new Promise((resolve, reject) => {
      if (waiting.push({ op, key, args, resolve, reject }) === 1) setImmediate(flush);
    });
}
