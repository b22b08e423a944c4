// Shutting down a queue-mode receiver: it answers once BullMQ holds the job and sends the
// claim's completion afterwards (on ioredis, in the batch of the end of the turn). A process
// that quits its Redis connection as soon as the last answer is out would cut those
// completions off; `receiver.close()` resolves only once they settled.
import { queueDispatch } from '@hookgate/bullmq';
import { createReceiver } from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { stripe } from '@hookgate/signatures';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectRedis, deleteKeys, REDIS_URL } from '../redis/redis-support.js';

const scheme = stripe({ secret: 'whsec_shutdown_secret' });
const unique = `shutdown-${process.pid}-${Date.now().toString(36)}`;
const storePrefix = `${unique}:`;
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const dispatcher = queueDispatch({ connection, queueName: unique, prefix: 'hookgate-test' });

afterAll(async () => {
  await dispatcher.queue.obliterate({ force: true });
  await dispatcher.close();
  await connection.quit();
  const keys = await connectRedis();
  await deleteKeys(keys, storePrefix);
  await keys.quit();
});

async function delivery(id: string) {
  const body = JSON.stringify({ id, type: 'invoice.paid' });
  const headers = await scheme.sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  return { method: 'POST', url: 'https://example.test/webhooks', headers, body };
}

async function readyClient(): Promise<Redis> {
  const client = new Redis(REDIS_URL, { enableOfflineQueue: false });
  await new Promise((resolve) => client.once('ready', resolve));
  return client;
}

/** A queue-mode receiver whose store is on `client`. */
function queueReceiver(client: Redis) {
  return createReceiver({
    scheme,
    events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
    store: createRedisStore({ client, prefix: storePrefix }),
    dispatch: dispatcher,
    logger: false,
  }).on('invoice.paid', () => {});
}

describe('queue mode: shutting down right after the last answer', () => {
  it('receiver.close() lets every completion reach Redis before the connection is quit', async () => {
    const client = await readyClient();
    const receiver = queueReceiver(client);
    const ids = Array.from({ length: 200 }, (_, n) => `evt_shutdown_${n}`);
    const inputs = await Promise.all(ids.map(delivery));

    const answers = await Promise.all(inputs.map((input) => receiver.handle(input)));
    // In the same turn as the last answer: close, then quit the store's connection.
    await receiver.close();
    await client.quit();

    expect(answers.map((answer) => answer.body)).toEqual(ids.map(() => '{"ok":true,"queued":true}'));
    expect(await dispatcher.queue.count()).toBe(200);
    // Every delivery's claim is completed: a copy sent now (to any instance) is a duplicate.
    const check = await readyClient();
    try {
      const store = createRedisStore({ client: check, prefix: storePrefix });
      const claims = await Promise.all(ids.map((id) => store.claim(`stripe:${id}`, { leaseMs: 60_000 })));
      expect(claims.filter((claim) => claim.status !== 'completed')).toEqual([]);
    } finally {
      await check.quit();
    }
  });

  it('a delivery after close is answered 503 RECEIVER_CLOSED and queues nothing', async () => {
    const client = await readyClient();
    const receiver = queueReceiver(client);
    await receiver.close();
    const before = await dispatcher.queue.count();
    const answer = await receiver.handle(await delivery('evt_after_shutdown'));
    await client.quit();
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'RECEIVER_CLOSED' });
    expect(await dispatcher.queue.count()).toBe(before);
  });
});
