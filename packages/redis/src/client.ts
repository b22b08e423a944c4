import { batchedScripts, type IoRedisPipelineLike } from './io-redis-batch.js';
import type { LuaScript } from './scripts.js';

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
  /** A client's pipeline: the store sends one event-loop turn's commands through one. */
  pipeline?(): IoRedisPipelineLike;
  /** `true` on an ioredis `Cluster`, whose pipelines must keep to one slot: it is not batched. */
  isCluster?: boolean;
}

/** A Redis client the store accepts: node-redis's or ioredis's, told apart by how they spell `evalSha`. */
export type RedisClientLike = NodeRedisLike | IoRedisLike;

/** Runs a script on one key; resolves with the script's reply. */
export type RunScript = (script: LuaScript, key: string, args: string[]) => Promise<unknown>;

/** node-redis v5's per-command options; `timeout` drops a command still waiting in the offline queue. */
interface WithCommandOptions {
  withCommandOptions(options: { timeout: number }): NodeRedisLike;
}

/**
 * Adapts either client to one call: `EVALSHA` (one round trip), falling back to `EVAL` when
 * Redis answers NOSCRIPT (its script cache is empty after a restart or `SCRIPT FLUSH`).
 */
export function toRunScript(client: RedisClientLike, timeoutMs: number): RunScript {
  if ('evalSha' in client && typeof client.evalSha === 'function') {
    // Without this a command issued while disconnected sits in node-redis's offline queue
    // and runs whenever Redis returns, long after we answered 503 (a claim nobody owns).
    const scoped =
      'withCommandOptions' in client && typeof client.withCommandOptions === 'function'
        ? (client as NodeRedisLike & WithCommandOptions).withCommandOptions({ timeout: timeoutMs })
        : client;
    return (script, key, args) =>
      retryNoScript(
        () => scoped.evalSha(script.sha1, { keys: [key], arguments: args }),
        () => scoped.eval(script.source, { keys: [key], arguments: args }),
      );
  }
  if ('evalsha' in client && typeof client.evalsha === 'function') {
    const io = client;
    const runOne: RunScript = (script, key, args) =>
      retryNoScript(
        () => io.evalsha(script.sha1, 1, key, ...args),
        () => io.eval(script.source, 1, key, ...args),
      );
    const pipeline = io.pipeline;
    return typeof pipeline === 'function' && io.isCluster !== true
      ? batchedScripts(
          { evalsha: io.evalsha.bind(io), eval: io.eval.bind(io), pipeline: pipeline.bind(io) },
          runOne,
        )
      : runOne;
  }
  throw new TypeError('client must be a node-redis or ioredis client (it has neither evalSha nor evalsha)');
}

async function retryNoScript(evalSha: () => Promise<unknown>, evalScript: () => Promise<unknown>) {
  try {
    return await evalSha();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NOSCRIPT')) return evalScript();
    throw error;
  }
}
