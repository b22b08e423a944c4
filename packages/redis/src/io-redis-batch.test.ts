import { describe, expect, it } from 'vitest';
import { batchedScripts, type IoRedisBatchClient } from './io-redis-batch.js';
import { CLAIM } from './scripts.js';

/** A fake ioredis client whose pipelines answer with `replies` (or fail with `failure`). */
function fakeClient(outcome: { replies?: [Error | null, unknown][] | null; failure?: Error }) {
  const sent: string[][] = [];
  const client: IoRedisBatchClient = {
    evalsha: async () => 'alone',
    eval: async (_source, _keys, key) => `eval ${key}`,
    pipeline: () => {
      const commands: string[] = [];
      sent.push(commands);
      const pipeline = {
        evalsha: (_sha1: string, _keys: number, key: string) => {
          commands.push(key);
          return pipeline;
        },
        exec: () =>
          outcome.failure ? Promise.reject(outcome.failure) : Promise.resolve(outcome.replies ?? null),
      };
      return pipeline;
    },
  };
  const runOne = async (_script: unknown, key: string) => `one ${key}`;
  return { run: batchedScripts(client, runOne), sent };
}

describe('batchedScripts (one ioredis pipeline per event-loop turn)', () => {
  it('settles each call with its own reply, falling back to EVAL on NOSCRIPT only', async () => {
    const { run, sent } = fakeClient({
      replies: [
        [null, 'first'],
        [new Error('NOSCRIPT No matching script'), null],
        [new Error('OOM command not allowed'), null],
      ],
    });
    const results = await Promise.allSettled(['a', 'b', 'c'].map((key) => run(CLAIM, key, [])));
    expect(sent).toEqual([['a', 'b', 'c']]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 'first' });
    expect(results[1]).toEqual({ status: 'fulfilled', value: 'eval b' });
    expect(results[2]).toMatchObject({ status: 'rejected', reason: { message: 'OOM command not allowed' } });
  });

  it('rejects every call of a pipeline that failed, and each call a pipeline left without a reply', async () => {
    const down = fakeClient({ failure: new Error("Stream isn't writeable") });
    const failed = await Promise.allSettled(['a', 'b'].map((key) => down.run(CLAIM, key, [])));
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);

    const empty = fakeClient({ replies: null });
    await expect(Promise.all(['a', 'b'].map((key) => empty.run(CLAIM, key, [])))).rejects.toThrow(
      /no reply for this command/,
    );
  });

  it('sends a lone call by itself, not as a pipeline of one', async () => {
    const { run, sent } = fakeClient({ replies: [] });
    expect(await run(CLAIM, 'alone', [])).toBe('one alone');
    expect(sent).toEqual([]);
  });
});
