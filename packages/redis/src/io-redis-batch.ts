import type { LuaScript } from './scripts.js';

/** The pipeline of an ioredis client: commands queued, then written together by `exec`. */
export interface IoRedisPipelineLike {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): unknown;
  exec(): Promise<[error: Error | null, reply: unknown][] | null>;
}

/** What a batch needs from an ioredis client. */
export interface IoRedisBatchClient {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  pipeline(): IoRedisPipelineLike;
}

/** One script call waiting for the end of the event-loop turn. */
interface Call {
  script: LuaScript;
  key: string;
  args: string[];
  resolve: (reply: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs the script calls made during one event-loop turn as one ioredis pipeline, written to
 * the socket at once. Under load a turn ends dozens of requests' Redis work (an answer from
 * the queue, a burst of deliveries), and each command written alone costs a system call and a
 * wake-up of Redis, more than the command itself on loopback. node-redis does this by itself
 * (it writes its queue once per turn); ioredis writes every command as it is issued.
 *
 * `setImmediate` runs once the turn's I/O callbacks are done, so a call waits at most for the
 * rest of the turn. A lone call goes out as a plain `EVALSHA`. Each call falls back to `EVAL`
 * on NOSCRIPT, as unbatched calls do. Not for an ioredis Cluster: its pipelines must keep to
 * one slot.
 */
export function batchedScripts(
  client: IoRedisBatchClient,
  runOne: (script: LuaScript, key: string, args: string[]) => Promise<unknown>,
): (script: LuaScript, key: string, args: string[]) => Promise<unknown> {
  let waiting: Call[] = [];

  const flush = () => {
    const calls = waiting;
    waiting = [];
    if (calls.length === 1) {
      const [call] = calls as [Call];
      runOne(call.script, call.key, call.args).then(call.resolve, call.reject);
      return;
    }
    const pipeline = client.pipeline();
    for (const call of calls) pipeline.evalsha(call.script.sha1, 1, call.key, ...call.args);
    pipeline.exec().then(
      (replies) => {
        for (const [index, call] of calls.entries()) settle(call, replies?.[index]);
      },
      (error: unknown) => {
        for (const call of calls) call.reject(error);
      },
    );
  };

  const settle = (call: Call, outcome: [Error | null, unknown] | undefined): void => {
    if (!outcome) call.reject(new Error('the Redis pipeline returned no reply for this command'));
    else if (!outcome[0]) call.resolve(outcome[1]);
    else if (!outcome[0].message.startsWith('NOSCRIPT')) call.reject(outcome[0]);
    else client.eval(call.script.source, 1, call.key, ...call.args).then(call.resolve, call.reject);
  };

  return (script, key, args) =>
    new Promise((resolve, reject) => {
      if (waiting.push({ script, key, args, resolve, reject }) === 1) setImmediate(flush);
    });
}
