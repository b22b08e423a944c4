// queueDispatch refuses at startup an ioredis Cluster that would break BullMQ's queue for good:
// offline queue off and not ready yet (BullMQ's one-time version check then fails, and every
// add after it). Nothing here connects: lazyConnect keeps the clients in status "wait".
import { queueDispatch } from '@hookgate/bullmq';
import { WebhookError } from '@hookgate/core';
import { Cluster } from 'ioredis';
import { describe, expect, it } from 'vitest';

const nodes = [{ host: '127.0.0.1', port: 1 }];

describe('queueDispatch connection check', () => {
  it('refuses a Cluster without an offline queue that is not ready, saying what to do', () => {
    const cluster = new Cluster(nodes, { enableOfflineQueue: false, lazyConnect: true });
    let thrown: unknown;
    try {
      queueDispatch({ connection: cluster, queueName: 'never-used', prefix: '{hookgate}' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WebhookError);
    expect(thrown).toMatchObject({ code: 'INVALID_CONFIGURATION' });
    expect((thrown as Error).message).toContain("cluster.once('ready'");
    cluster.disconnect();
  });

  it('accepts a Cluster that queues commands until it is ready', async () => {
    const cluster = new Cluster(nodes, { lazyConnect: true });
    const dispatcher = queueDispatch({ connection: cluster, queueName: 'never-used', prefix: '{hookgate}' });
    expect(dispatcher.queue.name).toBe('never-used');
    cluster.disconnect();
    await dispatcher.close().catch(() => {});
  });
});
