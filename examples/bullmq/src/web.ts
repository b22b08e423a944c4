// npm run web -w examples/bullmq  (REDIS_URL, PORT, STRIPE_WEBHOOK_SECRET)
import { queueDispatch } from '@hookgate/bullmq';
import { Redis } from 'ioredis';
import { createWebApp } from './app.js';
import { createStripeReceiver } from './receiver.js';
import { QUEUE_NAME, settings } from './settings.js';

const { redisUrl, port, secret } = settings();
// Fail fast while Redis is away: the receiver answers 503 and the sender retries later.
const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
const connection = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
const dispatcher = queueDispatch({ connection, queueName: QUEUE_NAME });
const receiver = createStripeReceiver({ client, secret, dispatch: dispatcher, onPaid: () => {} });
const server = createWebApp(receiver, [dispatcher.queue]).listen(port, '127.0.0.1', () => {
  console.log(`web: http://127.0.0.1:${port}/webhooks/stripe, dashboard at /admin/queues`);
});
// Graceful shutdown: no new requests, the deliveries under way finished (with their store
// writes), then the connections.
process.on('SIGTERM', () => {
  console.log('web: SIGTERM, finishing the deliveries under way');
  server.close(async () => {
    await receiver.close();
    await dispatcher.close();
    await client.quit();
    console.log('web: closed');
    process.exit(0);
  });
});
