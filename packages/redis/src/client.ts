import { type Bounds, batchedOperations, type RunOp } from './script-batch.js';
import { BATCH, retryNoScript, type StoreOp } from './scripts.js';

/** Keys and arguments as node-redis takes them. */
interface EvalOptions {
  keys: string[];
  arguments: string[];
}

/** The two calls the store needs from a node-redis (v4 or v5) client or cluster. */
export interface NodeRedisLike {
  evalSha(sha1: string, options: EvalOptions): Promise<unknown>;
  eval(script: string, options: EvalOptions): Promise<unknown>;
}

/** The same two calls as ioredis (client or cluster) spells them, and what tells them apart. */
export interface IoRedisLike {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  /** `true` on an ioredis `Cluster`, whose scripts must keep to one slot: its calls are not batched. */
  isCluster?: boolean | undefined;
}

/** A Redis client the store accepts: node-redis's or ioredis's, told apart by how they spell `evalSha`. */
export type RedisClientLike = NodeRedisLike | IoRedisLike;

/** node-redis v5's per-command options; `timeout` drops a command still waiting in the offline queue. */
interface WithCommandOptions {
  withCommandOptions(options: { timeout: number }): NodeRedisLike;
}

/**
 * Adapts either client to one call per operation: `EVALSHA` of the store's one script (one
 * round trip), falling back to `EVAL` when Redis answers NOSCRIPT (its script cache is empty
 * after a restart or `SCRIPT FLUSH`). Each call is bounded by `bounds.bound`. An ioredis `Redis`
 * sends one event-loop turn's operations as one script call ({@link batchedOperations}).
 *
 * Every operation runs the same script (with one operation when unbatched), so that after a
 * flush all of them fail NOSCRIPT alike and their `EVAL` retries go out in the order they were
 * made. With a script per operation, a completion whose script was gone would be retried after
 * a claim of the same key made later (queue mode's duplicate sent right after the answer), and
 * the claim would find the delivery still in flight.
 */
export function toRunOp(client: RedisClientLike, timeoutMs: number, bounds: Bounds): RunOp {
  const { bound } = bounds;
  if ('evalSha' in client && typeof client.evalSha === 'function') {
    // Without this a command issued while disconnected sits in node-redis's offline queue
    // and runs whenever Redis returns, long after we answered 503 (a claim nobody owns).
    const scoped =
      'withCommandOptions' in client && typeof client.withCommandOptions === 'function'
        ? (client as NodeRedisLike & WithCommandOptions).withCommandOptions({ timeout: timeoutMs })
        : client;
    return (op, key, args) => {
      const options = { keys: [key], arguments: [op, ...args] };
      return bound(
        retryNoScript(
          () => scoped.evalSha(BATCH.sha1, options),
          () => scoped.eval(BATCH.source, options),
        ).then(onlyReply),
      );
    };
  }
  if ('evalsha' in client && typeof client.evalsha === 'function') {
    const io = client;
    if (io.isCluster !== true) return batchedOperations(io, bounds);
    return (op: StoreOp, key, args) =>
      bound(
        retryNoScript(
          () => io.evalsha(BATCH.sha1, 1, key, op, ...args),
          () => io.eval(BATCH.source, 1, key, op, ...args),
        ).then(onlyReply),
      );
  }
  throw new TypeError('client must be a node-redis or ioredis client (it has neither evalSha nor evalsha)');
}

/** The reply of a one-operation script call; the operation's own error (a key of another type) rejects. */
function onlyReply(replies: unknown): unknown {
  if (!Array.isArray(replies) || replies.length !== 1) {
    throw new Error(`the batch script answered ${String(replies)} to one operation`);
  }
  const [reply] = replies as unknown[];
  if (reply instanceof Error) throw reply;
  return reply;
}
