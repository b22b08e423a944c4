// examples/bullmq as a smoke test: web app + worker on a private Redis; a signed Stripe
// delivery is acknowledged as queued, its job completes on the worker, and bull-board answers.
import { createServer } from 'node:http';
import { queueDispatch, startWorker } from '@hookgate/bullmq';
import { stripe } from '@hookgate/signatures';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebApp } from '../../examples/bullmq/src/app.js';
import { createStripeReceiver } from '../../examples/bullmq/src/receiver.js';
import { listen } from '../adapters/listen.js';
import { type RedisServer, spawnRedisServer, waitFor } from '../redis/redis-support.js';

const SECRET = 'whsec_example_bullmq_test';
let redis: RedisServer;
beforeAll(async () => {
  redis = await spawnRedisServer({ appendonly: false });
});
afterAll(async () => {
  await redis?.dispose();
});

describe('examples/bullmq', () => {
  it('acknowledges a delivery as queued, the worker completes its job, bull-board shows the queue', async () => {
    const clients = [0, 1, 2, 3].map(() => new Redis(redis.url, { maxRetriesPerRequest: null }));
    const [webStore, webQueue, workerStore, workerQueue] = clients as [Redis, Redis, Redis, Redis];
    const dispatcher = queueDispatch({ connection: webQueue, queueName: 'example-stripe' });
    const web = createStripeReceiver({
      client: webStore,
      secret: SECRET,
      dispatch: dispatcher,
      onPaid: () => {},
    });
    const paid: string[] = [];
    const workerReceiver = createStripeReceiver({
      client: workerStore,
      secret: SECRET,
      onPaid: (invoiceId) => {
        paid.push(invoiceId);
      },
    });
    const worker = startWorker(workerReceiver, { connection: workerQueue, queueName: 'example-stripe' });
    const server = await listen(createServer(createWebApp(web, [dispatcher.queue])));
    try {
      const body = JSON.stringify({
        id: 'evt_example_1',
        type: 'invoice.paid',
        data: { object: { id: 'in_1', amount_paid: 4200 } },
      });
      const headers = await stripe({ secret: SECRET }).sign({ body });
      const response = await fetch(`${server.origin}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, queued: true });
      await waitFor(() => paid.length > 0, 10_000, 'the worker to run the handler');
      expect(paid).toEqual(['in_1']);
      // The handler returned; BullMQ records the completion right after.
      let state = '';
      for (let tries = 0; tries < 50 && state !== 'completed'; tries++) {
        state = (await dispatcher.queue.getJobState('stripe%3Aevt_example_1')) as string;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(state).toBe('completed');
      const board = await fetch(`${server.origin}/admin/queues`);
      expect(board.status).toBe(200);
      expect(await board.text()).toContain('<div id="root"');
    } finally {
      await server.close();
      await worker.close();
      await dispatcher.close();
      for (const client of clients) client.disconnect();
    }
  });
});
