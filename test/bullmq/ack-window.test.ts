// Queue mode answers once BullMQ holds the job and sends the claim's completion without
// waiting for it. The rule this relies on: the completion is written to the store's
// connection before the answer is returned, and Redis runs one connection's commands in
// order, so a copy sent after the answer is answered "duplicate" (not 409) by that process.
import { queueDispatch } from '@hookgate/bullmq';
import { createReceiver, type IdempotencyStore } from '@hookgate/core';
import { createRedisStore } from '@hookgate/redis';
import { stripe } from '@hookgate/signatures';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectRedis, deleteKeys, REDIS_URL } from '../redis/redis-support.js';

const SECRET = 'whsec_ack_window_secret';
const scheme = stripe({ secret: SECRET });
const unique = `ack-${process.pid}-${Date.now().toString(36)}`;
const prefix = 'hookgate-test';
const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const dispatcher = queueDispatch({ connection, queueName: unique, prefix });
const cleanUp: (() => Promise<unknown>)[] = [
  () => dispatcher.queue.obliterate({ force: true }),
  () => connection.quit(),
];
afterAll(async () => {
  for (const step of cleanUp) await step();
});

async function delivery(id: string) {
  const body = JSON.stringify({ id, type: 'invoice.paid' });
  const headers = await scheme.sign({ body, timestamp: Math.floor(Date.now() / 1000) });
  return { method: 'POST', headers, body };
}

function queueReceiver(store: IdempotencyStore) {
  return createReceiver({
    scheme,
    events: { 'invoice.paid': z.object({ id: z.string(), type: z.literal('invoice.paid') }) },
    store,
    dispatch: dispatcher,
    logger: false,
  }).on('invoice.paid', () => {});
}

describe('queue mode: a copy sent after the answer', () => {
  const clients = {
    ioredis: async () => {
      const client = new Redis(REDIS_URL, { enableOfflineQueue: false });
      await new Promise((resolve) => client.once('ready', resolve));
      return { client, close: () => client.quit() };
    },
    'node-redis': async () => {
      const client = await connectRedis();
      return { client, close: () => client.quit() };
    },
  };

  for (const [name, connect] of Object.entries(clients)) {
    it(`is answered 200 duplicate at once, with a Redis store on ${name}`, async () => {
      const { client, close } = await connect();
      const storePrefix = `${unique}-${name}:`;
      cleanUp.unshift(
        async () => {
          const keys = await connectRedis();
          await deleteKeys(keys, storePrefix);
          await keys.quit();
        },
        () => close(),
      );
      const receiver = queueReceiver(createRedisStore({ client, prefix: storePrefix }));
      const jobsBefore = await dispatcher.queue.count();
      const answers: string[] = [];
      for (let index = 0; index < 100; index++) {
        const input = await delivery(`evt_${name}_${index}`);
        answers.push((await receiver.handle(input)).body, (await receiver.handle(input)).body);
      }
      const counts = new Map<string, number>();
      for (const body of answers) counts.set(body, (counts.get(body) ?? 0) + 1);
      expect(Object.fromEntries(counts)).toEqual({
        '{"ok":true,"queued":true}': 100,
        '{"ok":true,"duplicate":true}': 100,
      });
      expect((await dispatcher.queue.count()) - jobsBefore).toBe(100);
    });
  }
});
