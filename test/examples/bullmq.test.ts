// examples/bullmq as a smoke test: web app + worker on a private Redis; a signed Stripe
// delivery is acknowledged as queued, its job completes on the worker, and bull-board answers.
// Then as its README runs it: web and worker processes, a dead letter, its replay, and Ctrl-C.
import { createServer } from 'node:http';
import { listDeadLetters, queueDispatch, replayDeadLetters, startWorker } from '@hookgate/bullmq';
import { stripe } from '@hookgate/signatures';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebApp } from '../../examples/bullmq/src/app.js';
import { createStripeReceiver } from '../../examples/bullmq/src/receiver.js';
import { QUEUE_NAME } from '../../examples/bullmq/src/settings.js';
import { listen } from '../adapters/listen.js';
import { freePort, type RedisServer, spawnRedisServer, waitFor } from '../redis/redis-support.js';
import { startExample } from './example-process.js';

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

  it('as its README runs it: a login before the dashboard, a failing handler leaves a dead letter, replay runs it, Ctrl-C closes both processes', async () => {
    const port = await freePort();
    const env = { REDIS_URL: redis.url, STRIPE_WEBHOOK_SECRET: SECRET };
    const web = startExample('examples/bullmq/src/web.ts', {
      ...env,
      PORT: String(port),
      JOB_ATTEMPTS: '1',
      ADMIN_PASSWORD: 'board-password',
    });
    const failing = startExample('examples/bullmq/src/worker.ts', { ...env, ERP_DOWN: '1' });
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection });
    try {
      await web.waitFor(/dashboard at \/admin\/queues/);
      await failing.waitFor(/running webhooks-stripe/);
      expect(web.output()).not.toContain('board-password');
      const board = (password?: string) =>
        fetch(`http://127.0.0.1:${port}/admin/queues/api/queues`, {
          headers: password ? { authorization: `Basic ${btoa(`admin:${password}`)}` } : {},
        });
      const anonymous = await board();
      expect([anonymous.status, anonymous.headers.get('www-authenticate')]).toEqual([
        401,
        'Basic realm="queues", charset="UTF-8"',
      ]);
      expect((await board('wrong')).status).toBe(401);
      expect((await board('board-password')).status).toBe(200);
      // Every method reaches the receiver: a GET is its 405, not Express's HTML 404.
      expect((await fetch(`http://127.0.0.1:${port}/webhooks/stripe`)).status).toBe(405);
      const body = JSON.stringify({
        id: 'evt_example_dead',
        type: 'invoice.paid',
        data: { object: { id: 'in_dead', amount_paid: 900 } },
      });
      const headers = await stripe({ secret: SECRET }).sign({ body });
      const response = await fetch(`http://127.0.0.1:${port}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      expect(await response.json()).toEqual({ ok: true, queued: true });
      let letters = await listDeadLetters(queue);
      for (let tries = 0; tries < 250 && letters.length === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        letters = await listDeadLetters(queue);
      }
      expect(letters.map((letter) => [letter.deliveryId, letter.attemptsMade, letter.failedReason])).toEqual([
        ['evt_example_dead', 1, 'HANDLER_FAILED: ERP unreachable (ERP_DOWN=1)'],
      ]);
      // Ctrl-C: the terminal sends SIGINT; the worker closes as on SIGTERM, and exits 0.
      expect(await failing.stop('SIGINT')).toBe(0);
      expect(failing.output()).toMatch(/SIGINT, finishing the deliveries under way[\s\S]*closed/);

      const fixed = startExample('examples/bullmq/src/worker.ts', env);
      try {
        await fixed.waitFor(/running webhooks-stripe/);
        expect((await replayDeadLetters(queue, 'all')).replayed).toEqual(['stripe%3Aevt_example_dead']);
        await fixed.waitFor(/in_dead paid 900 \(attempt 1\)/);
      } finally {
        expect(await fixed.stop('SIGINT')).toBe(0);
      }
      expect(await web.stop('SIGINT')).toBe(0);
      expect(web.output()).toMatch(/web: closed/);
    } finally {
      await Promise.all([web.stop('SIGKILL'), failing.stop('SIGKILL')]);
      await queue.close();
      connection.disconnect();
    }
  });
});
