// Queue mode with real processes: web processes acknowledge, worker processes run the
// handlers, one private redis-server holds the queue and the idempotency store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Delivery,
  deliverUntilAccepted,
  post,
  runPool,
  shuffle,
  signDelivery,
} from '../redis/deliveries.js';
import { type RedisServer, sleep, spawnRedisServer } from '../redis/redis-support.js';
import { completions } from './app-process.js';
import { appConfig, startApps, stopAll, waitForCompletions } from './queue-support.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await spawnRedisServer({ appendonly: false });
});
afterAll(async () => {
  await redis?.dispose();
});

describe('queue mode across processes', () => {
  it('2 web + 2 worker processes: 500 deliveries x 3 concurrent copies run each handler exactly once, no 5xx', async () => {
    const config = appConfig('load', redis.url);
    const apps = await startApps(config, 2, 2);
    try {
      const deliveries = await Promise.all(
        Array.from({ length: 500 }, (_, n) => signDelivery(`msg_load_${n}`, { n })),
      );
      const sends = shuffle(deliveries.flatMap((delivery) => [0, 1, 2].map((copy) => ({ delivery, copy }))));
      const outcomes = await runPool(
        sends.map(
          ({ delivery, copy }) =>
            () =>
              deliverUntilAccepted(apps.webs[(copy + delivery.id.length) % 2]!.url, delivery),
        ),
        48,
      );
      const statuses = outcomes.flatMap((outcome) => outcome.statuses);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      // Each delivery queued once; every other copy answered as a duplicate (or 409, then duplicate).
      const queued = outcomes.filter((outcome) => outcome.body.queued === true);
      expect(queued.map((outcome) => outcome.id).sort()).toEqual(deliveries.map((d) => d.id).sort());
      const counts = await waitForCompletions(
        apps.workers,
        deliveries.map((d) => d.id),
        60_000,
      );
      await sleep(300);
      const final = await completions(apps.workers);
      expect(final.size).toBe(500);
      expect([...final.values()].every((count) => count === 1)).toBe(true);
      expect(counts.size).toBe(500);
      // Both workers took part.
      expect(new Set(apps.workers.flatMap((w) => w.done.map((run) => run.pid))).size).toBe(2);
    } finally {
      await stopAll(apps.all);
    }
  }, 120_000);

  it('a worker SIGKILLed mid-handler: the stalled job completes once on the other worker', async () => {
    const config = appConfig('kill', redis.url);
    const apps = await startApps(config, 1, 1);
    const second = (await startApps(config, 0, 1)).workers[0]!;
    try {
      const delivery: Delivery = await signDelivery('msg_kill_1', { blockFirst: true });
      expect((await post(apps.webs[0]!.url, delivery)).body).toEqual({ ok: true, queued: true });
      const workers = [apps.workers[0]!, second];
      // Wait for the first run, wherever it started, then kill that worker.
      let victim: (typeof workers)[number] | undefined;
      const deadline = Date.now() + 15_000;
      while (!victim && Date.now() < deadline) {
        await Promise.all(workers.map((w) => w.sync()));
        victim = workers.find((w) => w.starts.length > 0);
        await sleep(20);
      }
      expect(victim).toBeDefined();
      await victim!.kill('SIGKILL');
      const survivor = workers.find((w) => w !== victim)!;
      const counts = await waitForCompletions([survivor], ['msg_kill_1'], 30_000);
      expect(counts.get('msg_kill_1')).toBe(1);
      expect(victim!.done).toEqual([]);
      await sleep(500);
      expect((await completions([survivor])).get('msg_kill_1')).toBe(1);
    } finally {
      await stopAll([...apps.all, second]);
    }
  }, 60_000);
});
