// Queue and idempotency store on a 3-node Redis Cluster started locally. BullMQ keeps all of
// a queue's keys in one slot through the hash tag in its prefix (`{hookgate}`); the store's
// keys are one per operation and spread over the slots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverUntilAccepted, runPool, shuffle, signDelivery } from '../redis/deliveries.js';
import { sleep } from '../redis/redis-support.js';
import { completions } from './app-process.js';
import { appConfig, startApps, stopAll, waitForCompletions } from './queue-support.js';
import { type RedisCluster, startRedisCluster } from './redis-cluster.js';

let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterAll(async () => {
  await cluster?.dispose();
});

describe('queue mode on Redis Cluster', () => {
  it('web + worker on a 3-node cluster: every delivery queued once and handled once', async () => {
    const config = appConfig('cluster', '', { clusterPorts: cluster.ports, queuePrefix: '{hookgate}' });
    const apps = await startApps(config, 1, 1);
    try {
      const deliveries = await Promise.all(
        Array.from({ length: 60 }, (_, n) => signDelivery(`msg_cluster_${n}`, { n })),
      );
      const outcomes = await runPool(
        shuffle([...deliveries, ...deliveries]).map(
          (delivery) => () => deliverUntilAccepted(apps.webs[0]!.url, delivery),
        ),
        16,
      );
      expect(outcomes.flatMap((outcome) => outcome.statuses).filter((status) => status >= 500)).toEqual([]);
      expect(outcomes.filter((outcome) => outcome.body.queued === true)).toHaveLength(60);
      const ids = deliveries.map((delivery) => delivery.id);
      await waitForCompletions(apps.workers, ids, 30_000);
      await sleep(300);
      const counts = await completions(apps.workers);
      expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
    } finally {
      await stopAll(apps.all);
    }
  }, 60_000);
});
