// Redis going away, hanging and restarting under a receiver with the Redis store. Each
// describe starts its own redis-server (own port and directory) so it can stop it.
import { createReceiver, type HandleInput } from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { standardWebhooks } from '@hookgate/signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Delivery, SECRET, signDelivery } from './deliveries.js';
import { type Client, connectRedis, type RedisServer, spawnRedisServer, waitFor } from './redis-support.js';

const PREFIX = 'hookgate-faults:';
const COMMAND_TIMEOUT_MS = 300;
const LEASE_MS = 1_500;

/** An in-process receiver on `client` that records each handler start. */
function receiverOn(client: Client) {
  const runs: string[] = [];
  const receiver = createReceiver({
    scheme: standardWebhooks({ secret: SECRET }),
    events: { 'test.event': z.object({ type: z.literal('test.event') }) },
    store: createRedisStore({ client, prefix: PREFIX, commandTimeoutMs: COMMAND_TIMEOUT_MS }),
    leaseMs: LEASE_MS,
    handlerTimeoutMs: 1_000,
  });
  receiver.on('test.event', (_payload, context) => {
    runs.push(context.deliveryId);
  });
  const handle = async (delivery: Delivery) => {
    const input: HandleInput = { method: 'POST', headers: delivery.headers, body: delivery.body };
    const started = performance.now();
    const result = await receiver.handle(input);
    return {
      status: result.status,
      body: JSON.parse(result.body) as Record<string, unknown>,
      ms: performance.now() - started,
    };
  };
  /** Retries like a sender until 200; returns every status seen. */
  const deliver = async (delivery: Delivery) => {
    const statuses: number[] = [];
    for (let tries = 0; tries < 200; tries++) {
      const { status } = await handle(delivery);
      statuses.push(status);
      if (status === 200) return statuses;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`delivery ${delivery.id} never succeeded: ${statuses.join(', ')}`);
  };
  return { runs, handle, deliver };
}

const deliveries = (name: string, count: number) =>
  Promise.all(Array.from({ length: count }, (_, n) => signDelivery(`${name}_${n}`)));

describe('Redis unavailable', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await spawnRedisServer({ appendonly: true });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('stopped: answers 503 at once and runs nothing; once it is back each delivery runs once', async () => {
    const client = await connectRedis(server.url);
    try {
      const { runs, handle } = receiverOn(client);
      const batch = await deliveries('down', 5);
      await server.stop();
      await waitFor(() => !client.isReady, 5_000, 'the client to notice Redis is gone');

      for (const delivery of batch) {
        const result = await handle(delivery);
        expect(result.status).toBe(503);
        expect(result.body.code).toBe('STORE_UNAVAILABLE');
        // Redis's own error text (its address here) stays out of the response.
        expect(JSON.stringify(result.body)).not.toContain(String(server.port));
        expect(result.ms).toBeLessThan(COMMAND_TIMEOUT_MS + 300);
      }
      expect(runs).toEqual([]);

      await server.start();
      await waitFor(() => client.isReady, 5_000, 'the client to reconnect');
      for (const delivery of batch) expect((await handle(delivery)).body).toEqual({ ok: true });
      for (const delivery of batch)
        expect((await handle(delivery)).body).toEqual({ ok: true, duplicate: true });
      expect(runs).toEqual(batch.map((delivery) => delivery.id));
    } finally {
      client.destroy();
    }
  });

  it('stopped, with a client that queues offline: 503 within commandTimeoutMs, and the claim is never sent later', async () => {
    const client = await connectRedis(server.url, { disableOfflineQueue: false });
    try {
      const { runs, handle } = receiverOn(client);
      const [delivery] = await deliveries('queued', 1);
      if (!delivery) throw new Error('unreachable');
      await server.stop();
      await waitFor(() => !client.isReady, 5_000, 'the client to notice Redis is gone');

      const result = await handle(delivery);
      expect(result.status).toBe(503);
      expect(result.ms).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 20);
      expect(result.ms).toBeLessThan(COMMAND_TIMEOUT_MS + 300);

      await server.start();
      await waitFor(() => client.isReady, 5_000, 'the client to reconnect');
      await new Promise((resolve) => setTimeout(resolve, 100));
      // Had the timed-out claim stayed queued, it would now hold the key for a whole lease.
      expect(await client.get(`${PREFIX}standard-webhooks:${delivery.id}`)).toBeNull();
      expect((await handle(delivery)).body).toEqual({ ok: true });
      expect(runs).toEqual([delivery.id]);
    } finally {
      client.destroy();
    }
  });

  it('hung: answers 503 within commandTimeoutMs; the claim it sent delays the delivery by one lease, then it runs once', async () => {
    const client = await connectRedis(server.url);
    try {
      const { runs, handle, deliver } = receiverOn(client);
      const [delivery] = await deliveries('hung', 1);
      if (!delivery) throw new Error('unreachable');
      server.pause();
      let result: Awaited<ReturnType<typeof handle>>;
      try {
        result = await handle(delivery);
      } finally {
        server.resume();
      }
      expect(result.status).toBe(503);
      expect(result.body.message).toMatch(/did not answer within 300 ms/);
      expect(result.ms).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 20);
      expect(result.ms).toBeLessThan(COMMAND_TIMEOUT_MS + 300);
      expect(runs).toEqual([]);

      // Redis ran the claim once it woke: nobody owns it, so the sender sees 409 until the lease ends.
      const started = Date.now();
      const statuses = await deliver(delivery);
      expect(statuses[0]).toBe(409);
      expect(statuses.at(-1)).toBe(200);
      expect(Date.now() - started).toBeLessThan(LEASE_MS + 1_000);
      expect(runs).toEqual([delivery.id]);
    } finally {
      client.destroy();
    }
  });
});

describe('Redis restarted', () => {
  it('with appendonly: a completed delivery sent again after the restart is a duplicate', async () => {
    const server = await spawnRedisServer({ appendonly: true });
    const client = await connectRedis(server.url);
    try {
      const { runs, handle } = receiverOn(client);
      const batch = await deliveries('persisted', 3);
      for (const delivery of batch) expect((await handle(delivery)).body).toEqual({ ok: true });

      await server.stop('SIGTERM');
      await server.start();
      await waitFor(() => client.isReady, 5_000, 'the client to reconnect');
      for (const delivery of batch)
        expect((await handle(delivery)).body).toEqual({ ok: true, duplicate: true });
      expect(runs).toEqual(batch.map((delivery) => delivery.id));
    } finally {
      client.destroy();
      await server.dispose();
    }
  });

  it('without persistence: the ids are lost and a redelivery runs again (the documented limit)', async () => {
    const server = await spawnRedisServer({ appendonly: false });
    const client = await connectRedis(server.url);
    try {
      const { runs, handle } = receiverOn(client);
      const [delivery] = await deliveries('volatile', 1);
      if (!delivery) throw new Error('unreachable');
      expect((await handle(delivery)).body).toEqual({ ok: true });

      await server.stop('SIGTERM');
      await server.start();
      await waitFor(() => client.isReady, 5_000, 'the client to reconnect');
      expect((await handle(delivery)).body).toEqual({ ok: true });
      expect(runs).toEqual([delivery.id, delivery.id]);
    } finally {
      client.destroy();
      await server.dispose();
    }
  });
});
