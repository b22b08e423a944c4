import { createRedisStore, type IoRedisLike, type NodeRedisLike } from '@hookgate/redis';
import { runStoreConformance } from '@hookgate/testing';
import { Redis } from 'ioredis';
import { createClient as createClientV4 } from 'redis4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, connectRedis, deleteKeys, REDIS_URL } from '../redis/redis-support.js';

const PREFIX = `hookgate-test:${process.pid}-${Date.now().toString(36)}:`;
let client: Client;
const ioredis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
// node-redis v4 (the README supports it): no per-command options, so the store sends plainly.
const clientV4 = createClientV4({ url: REDIS_URL, disableOfflineQueue: true });
clientV4.on('error', () => {});

beforeAll(async () => {
  client = await connectRedis();
  await clientV4.connect();
});

afterAll(async () => {
  await ioredis.quit();
  await clientV4.quit();
  if (!client) return;
  await deleteKeys(client, PREFIX);
  client.destroy();
});

/** ioredis's call shape (positional key count), over node-redis's raw command API. */
function ioredisShaped(redis: Client): IoRedisLike {
  return {
    evalsha: (sha1, numKeys, ...rest) => redis.sendCommand(['EVALSHA', sha1, String(numKeys), ...rest]),
    eval: (script, numKeys, ...rest) => redis.sendCommand(['EVAL', script, String(numKeys), ...rest]),
  };
}

describe('createRedisStore with node-redis', () => {
  runStoreConformance((namespace) => createRedisStore({ client, prefix: `${PREFIX}node:${namespace}:` }), {
    describe,
    it,
  });
});

describe('createRedisStore with node-redis v4', () => {
  runStoreConformance(
    (namespace) => createRedisStore({ client: clientV4, prefix: `${PREFIX}v4:${namespace}:` }),
    {
      describe,
      it,
    },
  );
});

describe('createRedisStore with an ioredis-shaped client', () => {
  runStoreConformance(
    (namespace) => createRedisStore({ client: ioredisShaped(client), prefix: `${PREFIX}io:${namespace}:` }),
    { describe, it },
  );
});

describe('createRedisStore with ioredis (one script call per event-loop turn)', () => {
  runStoreConformance(
    (namespace) => createRedisStore({ client: ioredis, prefix: `${PREFIX}ioredis:${namespace}:` }),
    { describe, it },
  );

  it("runs one turn's operations as one script call, in order, and sends the script once after a flush", async () => {
    // Each script call the store makes: the command and how many keys (operations) it carries.
    const calls: string[] = [];
    const counting: IoRedisLike = {
      evalsha: (sha1, numKeys, ...rest) => {
        calls.push(`EVALSHA ${numKeys}`);
        return ioredis.evalsha(sha1, numKeys, ...rest);
      },
      eval: (script, numKeys, ...rest) => {
        calls.push(`EVAL ${numKeys}`);
        return ioredis.eval(script, numKeys, ...rest);
      },
    };
    const store = createRedisStore({ client: counting, prefix: `${PREFIX}batched:` });
    const keys = Array.from({ length: 20 }, (_, index) => `evt_${index}`);
    const claims = await Promise.all(keys.map((key) => store.claim(key, { leaseMs: 5_000 })));
    expect(claims.every((claim) => claim.status === 'claimed')).toBe(true);
    expect(calls).toEqual(['EVALSHA 20']);

    // Completions and duplicate claims of one turn: Redis runs them in the order they were made.
    await client.scriptFlush();
    const settled = await Promise.all(
      keys.flatMap((key, index) => {
        const claim = claims[index]!;
        if (claim.status !== 'claimed') throw new Error('unreachable');
        return [store.complete(key, claim.token, { retainMs: 5_000 }), store.claim(key, { leaseMs: 5_000 })];
      }),
    );
    expect(settled.filter((_, index) => index % 2 === 1)).toEqual(keys.map(() => ({ status: 'completed' })));
    expect(calls).toEqual(['EVALSHA 20', 'EVALSHA 40', 'EVAL 40']);
    expect(await client.pTTL(`${PREFIX}batched:evt_0`)).toBeGreaterThan(4_000);

    // A release in the same turn as another key's claim touches only its own key.
    const again = await store.claim('evt_20', { leaseMs: 5_000 });
    if (again.status !== 'claimed') throw new Error('expected a claim');
    await Promise.all([store.release('evt_20', again.token), store.claim('evt_21', { leaseMs: 5_000 })]);
    expect(await client.exists(`${PREFIX}batched:evt_20`)).toBe(0);
    expect(await client.exists(`${PREFIX}batched:evt_21`)).toBe(1);
  });

  it('fails only the operation whose key Redis refuses; the others of its turn run', async () => {
    const prefix = `${PREFIX}isolated:`;
    await client.hSet(`${prefix}not-a-string`, 'field', 'value');
    const store = createRedisStore({ client: ioredis, prefix });
    const [first, wrong, last] = await Promise.allSettled([
      store.claim('evt_a', { leaseMs: 5_000 }),
      store.claim('not-a-string', { leaseMs: 5_000 }),
      store.claim('evt_b', { leaseMs: 5_000 }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { status: 'claimed' } });
    expect(last).toMatchObject({ status: 'fulfilled', value: { status: 'claimed' } });
    expect(wrong).toMatchObject({
      status: 'rejected',
      reason: { code: 'STORE_UNAVAILABLE', cause: { message: expect.stringMatching(/^WRONGTYPE/) } },
    });
  });
});

describe('createRedisStore on Redis', () => {
  it('keeps one key per delivery under the prefix, with the lease and then the retention as TTL', async () => {
    const prefix = `${PREFIX}layout:`;
    const store = createRedisStore({ client, prefix });
    const claim = await store.claim('stripe:evt_1', { leaseMs: 5_000 });
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    expect(await client.get(`${prefix}stripe:evt_1`)).toBe(claim.token);
    expect(await client.pTTL(`${prefix}stripe:evt_1`)).toBeGreaterThan(4_000);
    expect(claim.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    await store.complete('stripe:evt_1', claim.token, { retainMs: 3_600_000 });
    expect(await client.get(`${prefix}stripe:evt_1`)).toBe('completed');
    expect(await client.pTTL(`${prefix}stripe:evt_1`)).toBeGreaterThan(3_590_000);
    expect(await client.keys(`${prefix}*`)).toEqual([`${prefix}stripe:evt_1`]);
  });

  it('the default prefix is hookgate:', async () => {
    const store = createRedisStore({ client });
    const key = `${PREFIX}default-prefix`;
    const claim = await store.claim(key, { leaseMs: 5_000 });
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    expect(await client.get(`hookgate:${key}`)).toBe(claim.token);
    await store.release(key, claim.token);
    expect(await client.exists(`hookgate:${key}`)).toBe(0);
  });

  it('makes one round trip per operation, two only when Redis lost its script cache', async () => {
    const calls: string[] = [];
    const counting: NodeRedisLike = {
      evalSha: (sha1, options) => {
        calls.push('EVALSHA');
        return client.evalSha(sha1, options);
      },
      eval: (script, options) => {
        calls.push('EVAL');
        return client.eval(script, options);
      },
    };
    const store = createRedisStore({ client: counting, prefix: `${PREFIX}trips:` });
    await store.claim('warm-up', { leaseMs: 5_000 });
    calls.length = 0;

    const claim = await store.claim('k', { leaseMs: 5_000 });
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    expect(calls).toEqual(['EVALSHA']);
    await client.scriptFlush();
    await store.complete('k', claim.token, { retainMs: 5_000 });
    expect(calls).toEqual(['EVALSHA', 'EVALSHA', 'EVAL']);
    // The completion's EVAL put the store's one script back: the next claim is one EVALSHA.
    expect(await store.claim('k', { leaseMs: 5_000 })).toEqual({ status: 'completed' });
    expect(calls).toEqual(['EVALSHA', 'EVALSHA', 'EVAL', 'EVALSHA']);
  });

  // Queue mode answers before the completion lands and relies on Redis running one
  // connection's commands in the order they were sent. A flush (a restart, a failover) must not
  // let a later claim of the same key overtake the completion's NOSCRIPT retry.
  for (const [name, shaped] of [
    ['node-redis', (redis: Client) => redis],
    ['an unbatched ioredis-shaped client', (redis: Client) => ({ ...ioredisShaped(redis), isCluster: true })],
  ] as const) {
    it(`keeps a completion ahead of a later claim after Redis lost its script cache (${name})`, async () => {
      const prefix = `${PREFIX}order-${name.length}:`;
      const store = createRedisStore({ client: shaped(client), prefix });
      // Round 0: another delivery's claim reloads the script before the completion is made (with
      // a script per operation, only the claim's came back). Round 1: both find it gone.
      for (const round of [0, 1]) {
        const claim = await store.claim(`evt_${round}`, { leaseMs: 5_000 });
        if (claim.status !== 'claimed') throw new Error('expected a claim');
        await client.scriptFlush();
        if (round === 0) await store.claim(`other_${round}`, { leaseMs: 5_000 });
        const [, again] = await Promise.all([
          store.complete(`evt_${round}`, claim.token, { retainMs: 5_000 }),
          store.claim(`evt_${round}`, { leaseMs: 5_000 }),
        ]);
        expect(again).toEqual({ status: 'completed' });
      }
      // A key of another type fails its own operation with the store's error.
      await client.hSet(`${prefix}not-a-string`, 'field', 'value');
      await expect(store.claim('not-a-string', { leaseMs: 5_000 })).rejects.toMatchObject({
        code: 'STORE_UNAVAILABLE',
        cause: { message: expect.stringMatching(/^WRONGTYPE/) },
      });
    });
  }

  it("answers a copy's claim after this process's completion of it, even when that completion reaches Redis later", async () => {
    // The completion is held back past the claim, as one that met NOSCRIPT and went again after
    // a claim that another instance's reload of the script let through.
    const late: NodeRedisLike = {
      evalSha: async (sha1, options) => {
        if (options.arguments[0] === 'complete') await new Promise((resolve) => setTimeout(resolve, 50));
        return client.evalSha(sha1, options);
      },
      eval: (script, options) => client.eval(script, options),
    };
    const store = createRedisStore({ client: late, prefix: `${PREFIX}late:` });
    const claim = await store.claim('evt_late', { leaseMs: 5_000 });
    if (claim.status !== 'claimed') throw new Error('expected a claim');
    const completing = store.complete('evt_late', claim.token, { retainMs: 5_000 });
    expect(await store.claim('evt_late', { leaseMs: 5_000 })).toEqual({ status: 'completed' });
    await completing;
    // Held by a claim that nobody completes here: still in flight, at once.
    await store.claim('evt_held', { leaseMs: 5_000 });
    expect(await store.claim('evt_held', { leaseMs: 5_000 })).toEqual({ status: 'in-flight' });
  });

  for (const [name, shaped] of [
    ['node-redis', () => client],
    ['ioredis, batched', () => ioredis],
  ] as const) {
    it(`says whether a completion was recorded: false once the claim expired (${name})`, async () => {
      const store = createRedisStore({ client: shaped(), prefix: `${PREFIX}lost-${name.length}:` });
      const claim = await store.claim('evt', { leaseMs: 50 });
      if (claim.status !== 'claimed') throw new Error('expected a claim');
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await store.complete('evt', claim.token, { retainMs: 5_000 })).toBe(false);
      const again = await store.claim('evt', { leaseMs: 5_000 });
      if (again.status !== 'claimed') throw new Error('expected a claim');
      expect(await store.complete('evt', again.token, { retainMs: 5_000 })).toBe(true);
    });
  }

  it('refuses a client it cannot drive and a timeout that is not positive', () => {
    expect(() => createRedisStore({ client: {} as NodeRedisLike })).toThrow(/node-redis or ioredis/);
    expect(() => createRedisStore({ client, commandTimeoutMs: 0 })).toThrow(RangeError);
  });

  it("refuses a node-redis client with no 'error' listener at startup (a lost connection would end the process)", async () => {
    const bare = createClientV4({ url: REDIS_URL });
    expect(() => createRedisStore({ client: bare })).toThrowError(
      expect.objectContaining({
        code: 'INVALID_CONFIGURATION',
        message: expect.stringContaining("client.on('error'"),
      }),
    );
    bare.on('error', () => {});
    expect(() => createRedisStore({ client: bare })).not.toThrow();
    // ioredis logs an unheard error itself: it is not asked for a listener.
    const quiet = new Redis(REDIS_URL, { lazyConnect: true });
    expect(() => createRedisStore({ client: quiet })).not.toThrow();
    quiet.disconnect();
  });
});
