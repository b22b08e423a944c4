// What survives what in queue mode, with real processes and private redis-servers: Redis
// stopped under load (503 within the time limit, nothing run, nothing lost after the
// restart), the queue's own Redis stopped (503 QUEUE_UNAVAILABLE, claim released), and an
// `appendfsync always` Redis SIGKILLed right after a burst of 200s.
import { afterEach, describe, expect, it } from 'vitest';
import { type Delivery, deliverUntilAccepted, post, runPool, signDelivery } from '../redis/deliveries.js';
import { type RedisServer, sleep, spawnRedisServer } from '../redis/redis-support.js';
import { type AppProcess, completions, startApp } from './app-process.js';
import { appConfig, startApps, stopAll, waitForCompletions } from './queue-support.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function redisServer(options: { appendonly: boolean; args?: string[] }): Promise<RedisServer> {
  const server = await spawnRedisServer(options);
  cleanup.push(() => server.dispose());
  return server;
}

async function apps(config: Parameters<typeof startApps>[0], web: number, workers: number) {
  const started = await startApps(config, web, workers);
  cleanup.push(() => stopAll(started.all));
  return started;
}

const batch = (name: string, count: number) =>
  Promise.all(Array.from({ length: count }, (_, n) => signDelivery(`msg_${name}_${n}`, { n })));

/** Posts each delivery once; the answers and how long each took. */
async function postAll(url: string, deliveries: Delivery[]) {
  return runPool(
    deliveries.map((delivery) => async () => {
      const started = performance.now();
      const reply = await post(url, delivery);
      return { ...reply, ms: performance.now() - started };
    }),
    16,
  );
}

/** Every handler run counted exactly once: no id missing, none twice. */
async function expectExactlyOnce(workers: AppProcess[], ids: string[]) {
  await waitForCompletions(workers, ids, 30_000);
  await sleep(300);
  const counts = await completions(workers);
  expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect(counts.size).toBe(ids.length);
}

describe('queue mode durability', () => {
  it('Redis stopped: 503 within the time limit and nothing run; restarted: retries accepted, none lost, none twice', async () => {
    const redis = await redisServer({ appendonly: true });
    const { webs, workers } = await apps(appConfig('outage', redis.url, { storeTimeoutMs: 500 }), 1, 1);
    const web = webs[0]!;
    const before = await batch('before', 40);
    expect((await postAll(web.url, before)).every((reply) => reply.body.queued === true)).toBe(true);

    await redis.stop();
    const during = await batch('during', 40);
    const refused = await postAll(web.url, during);
    expect(refused.map((reply) => reply.status)).toEqual(during.map(() => 503));
    // The store's time limit is 500 ms; an answer never waits much longer.
    expect(Math.max(...refused.map((reply) => reply.ms))).toBeLessThan(1_500);
    await Promise.all(workers.map((worker) => worker.sync()));
    const duringIds = new Set(during.map((delivery) => delivery.id));
    expect(workers.flatMap((worker) => worker.starts).filter((run) => duringIds.has(run.id))).toEqual([]);

    await redis.start();
    const retried = await runPool(
      during.map((delivery) => () => deliverUntilAccepted(web.url, delivery, { retryDelayMs: 100 })),
      16,
    );
    expect(retried.every((outcome) => outcome.body.queued === true)).toBe(true);
    await expectExactlyOnce(
      workers,
      [...before, ...during].map((delivery) => delivery.id),
    );
  }, 90_000);

  it("the queue's Redis stopped (store up): 503 QUEUE_UNAVAILABLE, claim released, accepted after the restart", async () => {
    const store = await redisServer({ appendonly: false });
    const queue = await redisServer({ appendonly: true });
    const config = appConfig('queue-down', store.url, { queueRedisUrl: queue.url, storeTimeoutMs: 500 });
    const { webs, workers } = await apps(config, 1, 1);
    await queue.stop();
    const deliveries = await batch('queue_down', 10);
    const refused = await postAll(webs[0]!.url, deliveries);
    expect(refused.map((reply) => reply.body.code)).toEqual(deliveries.map(() => 'QUEUE_UNAVAILABLE'));
    expect(refused.every((reply) => reply.status === 503 && reply.ms < 1_500)).toBe(true);
    await queue.start();
    const retried = await runPool(
      deliveries.map((delivery) => () => deliverUntilAccepted(webs[0]!.url, delivery, { retryDelayMs: 100 })),
      8,
    );
    // The claim was released at each 503: the retry queues the delivery (not "duplicate").
    expect(retried.every((outcome) => outcome.body.queued === true)).toBe(true);
    await expectExactlyOnce(
      workers,
      deliveries.map((delivery) => delivery.id),
    );
  }, 60_000);

  it('AOF appendfsync always: Redis SIGKILLed right after a burst of 200s; every acknowledged delivery is processed', async () => {
    const redis = await redisServer({ appendonly: true, args: ['--appendfsync', 'always'] });
    const config = appConfig('aof', redis.url);
    // No worker during the burst: the jobs are all still waiting when Redis dies.
    const { webs } = await apps(config, 1, 0);
    const deliveries = await batch('aof', 150);
    const replies = await postAll(webs[0]!.url, deliveries);
    const acknowledged = deliveries.filter((_, index) => replies[index]!.status === 200).map((d) => d.id);
    expect(acknowledged).toHaveLength(150);
    await redis.stop('SIGKILL');
    await redis.start();
    const worker = await startApp({ ...config, role: 'worker' });
    cleanup.push(() => worker.kill());
    await expectExactlyOnce([worker], acknowledged);
  }, 60_000);
});
