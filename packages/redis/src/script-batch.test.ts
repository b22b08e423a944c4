import { describe, expect, it } from 'vitest';
import { type Bounds, batchedOperations, MAX_BATCH, type ScriptClient } from './script-batch.js';
import { BATCH } from './scripts.js';

/** A fake ioredis client that records each script call and answers with `answer`. */
function fakeClient(answer: (keys: string[], args: string[]) => Promise<unknown>) {
  const calls: { command: 'evalsha' | 'eval'; keys: string[]; args: string[] }[] = [];
  const record =
    (command: 'evalsha' | 'eval') =>
    (script: string, numKeys: number, ...keysAndArgs: string[]) => {
      expect(script).toBe(command === 'evalsha' ? BATCH.sha1 : BATCH.source);
      const keys = keysAndArgs.slice(0, numKeys);
      const args = keysAndArgs.slice(numKeys);
      calls.push({ command, keys, args });
      return answer(keys, args);
    };
  const client: ScriptClient = { evalsha: record('evalsha'), eval: record('eval') };
  return { client, calls };
}

/** No time limit; a failure becomes `store: <message>`. */
const unbounded: Bounds = {
  bound: (call) => call.catch((cause: unknown) => Promise.reject(unbounded.failed(cause))),
  failed: (cause) => new Error(`store: ${(cause as Error).message}`),
};

describe('batchedOperations (one script call per event-loop turn on ioredis)', () => {
  it("sends one turn's operations as one call, in order, each settled with its own reply", async () => {
    const { client, calls } = fakeClient(async (keys) => keys.map((key) => `reply ${key}`));
    const run = batchedOperations(client, unbounded);
    const replies = await Promise.all([
      run('claim', 'a', ['t1', '5000']),
      run('complete', 'b', ['t2', 'completed', '60000']),
      run('release', 'c', ['t3']),
    ]);
    expect(replies).toEqual(['reply a', 'reply b', 'reply c']);
    expect(calls).toEqual([
      {
        command: 'evalsha',
        keys: ['a', 'b', 'c'],
        args: ['claim', 't1', '5000', 'complete', 't2', 'completed', '60000', 'release', 't3'],
      },
    ]);
    // The next turn is another call.
    expect(await run('claim', 'd', ['t4', '5000'])).toBe('reply d');
    expect(calls).toHaveLength(2);
  });

  it('sends the script itself once when Redis lost its cache, and only then', async () => {
    let cached = false;
    const { client, calls } = fakeClient(async (keys) => {
      if (!cached) {
        cached = true;
        throw new Error('NOSCRIPT No matching script. Please use EVAL.');
      }
      return keys.map(() => null);
    });
    const run = batchedOperations(client, unbounded);
    expect(await Promise.all([run('claim', 'a', ['t', '1']), run('claim', 'b', ['t', '1'])])).toEqual([
      null,
      null,
    ]);
    expect(calls.map((call) => call.command)).toEqual(['evalsha', 'eval']);
  });

  it('fails every operation of a call that failed, timed out or got a reply of the wrong shape', async () => {
    const failing = batchedOperations(
      fakeClient(() => Promise.reject(new Error('OOM command not allowed'))).client,
      unbounded,
    );
    const failed = await Promise.allSettled([failing('claim', 'a', []), failing('claim', 'b', [])]);
    expect(failed).toEqual([
      { status: 'rejected', reason: new Error('store: OOM command not allowed') },
      { status: 'rejected', reason: new Error('store: OOM command not allowed') },
    ]);

    const short = batchedOperations(fakeClient(async () => ['only one']).client, unbounded);
    await expect(Promise.all([short('claim', 'a', []), short('claim', 'b', [])])).rejects.toThrow(
      /answered only one to 2 operations/,
    );

    // The bound decides the error: here a time limit that has already run out.
    const hung = batchedOperations(fakeClient(() => new Promise(() => {})).client, {
      ...unbounded,
      bound: () => Promise.reject(new Error('Redis did not answer in time')),
    });
    await expect(hung('claim', 'a', [])).rejects.toThrow('Redis did not answer in time');
  });

  it('fails only the operation whose own reply is an error (the script ran the others)', async () => {
    const run = batchedOperations(
      fakeClient(async () => [null, new Error('WRONGTYPE Operation against a key'), 'completed']).client,
      unbounded,
    );
    const settled = await Promise.allSettled([
      run('claim', 'a', ['t', '1']),
      run('claim', 'b', ['t', '1']),
      run('claim', 'c', ['t', '1']),
    ]);
    expect(settled).toEqual([
      { status: 'fulfilled', value: null },
      { status: 'rejected', reason: new Error('store: WRONGTYPE Operation against a key') },
      { status: 'fulfilled', value: 'completed' },
    ]);
  });

  it(`splits a turn of more than ${MAX_BATCH} operations into calls of at most ${MAX_BATCH}`, async () => {
    const { client, calls } = fakeClient(async (keys) => keys);
    const run = batchedOperations(client, unbounded);
    const keys = Array.from({ length: MAX_BATCH * 2 + 1 }, (_, index) => `k${index}`);
    expect(await Promise.all(keys.map((key) => run('release', key, ['t'])))).toEqual(keys);
    expect(calls.map((call) => call.keys.length)).toEqual([MAX_BATCH, MAX_BATCH, 1]);
    expect(calls.flatMap((call) => call.keys)).toEqual(keys);
  });
});
