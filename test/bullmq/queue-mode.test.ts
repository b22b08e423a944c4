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
import { connectRedis, type RedisServer, sleep, spawnRedisServer } from '../redis/redis-support.js';
import { completions } from './app-process.js';
import { appConfig, startApps, stopAll, waitForCompletions } from './queue-support.js';
import { hookgate } from './run-cli.js';

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

  it('a handler that always fails: dead letter in the failed set; fixed, `hookgate jobs replay --all` runs it once', async () => {
    const config = appConfig('dlq', redis.url, { attempts: 3, backoffMs: 50 });
    const apps = await startApps(config, 1, 1);
    const client = await connectRedis(redis.url);
    const cli = ['--redis', redis.url, '--queue', config.queueName];
    try {
      const delivery = await signDelivery('msg_dlq_1', { failUntilFixed: true });
      expect((await post(apps.webs[0]!.url, delivery)).body).toEqual({ ok: true, queued: true });
      let letters: {
        id: string;
        attemptsMade: number;
        failedReason: string;
        stacktrace: string[];
        delivery: Record<string, unknown>;
      }[] = [];
      const deadline = Date.now() + 20_000;
      while (letters.length === 0 && Date.now() < deadline) {
        await sleep(200);
        const listed = await hookgate(['jobs', 'failed', ...cli, '--json']);
        expect(listed.code).toBe(0);
        letters = JSON.parse(listed.stdout);
      }
      expect(letters).toHaveLength(1);
      const [letter] = letters as [(typeof letters)[number]];
      expect(letter.attemptsMade).toBe(3);
      expect(letter.failedReason).toContain('not fixed yet (delivery msg_dlq_1)');
      expect(letter.stacktrace.join('\n')).toContain('queue-app.ts');
      expect(letter.delivery).toMatchObject({ deliveryId: 'msg_dlq_1', payload: { failUntilFixed: true } });
      // Never a signature or the secret in a dead letter.
      const raw = JSON.stringify(letter);
      expect(raw).not.toContain('webhook-signature');
      expect(raw).not.toContain(config.secret);
      expect(raw).not.toContain(delivery.headers['webhook-signature']!);
      const table = await hookgate(['jobs', 'failed', ...cli]);
      expect(table.stdout).toMatch(/^ID\s+EVENT\s+ATTEMPTS\s+FAILED\s+ERROR/);
      expect(table.stdout).toContain('test.event');
      await Promise.all(apps.workers.map((worker) => worker.sync()));
      expect(apps.workers[0]!.starts).toHaveLength(3);
      expect(apps.workers[0]!.done).toHaveLength(0);

      await client.set(`${config.storePrefix}fixed`, '1');
      const replayed = await hookgate(['jobs', 'replay', ...cli, '--all']);
      expect(replayed).toMatchObject({ code: 0, stdout: `replayed 1 job(s): ${letter.id}\n` });
      await waitForCompletions(apps.workers, ['msg_dlq_1'], 10_000);
      await sleep(300);
      expect((await completions(apps.workers)).get('msg_dlq_1')).toBe(1);
      expect(JSON.parse((await hookgate(['jobs', 'failed', ...cli, '--json'])).stdout)).toEqual([]);
      // Replaying again finds nothing to replay, and runs nothing.
      const again = await hookgate(['jobs', 'replay', ...cli, '--id', letter.id]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(letter.id);
      await sleep(300);
      expect((await completions(apps.workers)).get('msg_dlq_1')).toBe(1);
    } finally {
      client.destroy();
      await stopAll(apps.all);
    }
  }, 60_000);
});
