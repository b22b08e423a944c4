// npm run web -w examples/bullmq  (REDIS_URL, PORT, STRIPE_WEBHOOK_SECRET, JOB_ATTEMPTS, ADMIN_PASSWORD)
import { queueDispatch } from '@hookgate/bullmq';
import { closeOnSignals } from 'hookgate-example-common/shutdown';
import { Redis } from 'ioredis';
import { createWebApp } from './app.js';
import { createStripeReceiver } from './receiver.js';
import { redisReady } from './redis-ready.js';
import { QUEUE_NAME, settings } from './settings.js';

const { redisUrl, port, secret, jobAttempts, adminPassword } = settings();
// Fail fast while Redis is away: the receiver answers 503 and the sender retries later.
const client = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
const connection = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
const dispatcher = queueDispatch({
  connection,
  queueName: QUEUE_NAME,
  // The default, 12 attempts over about a day, rides out an outage; fewer shows a dead letter now.
  ...(jobAttempts === undefined ? {} : { jobOptions: { attempts: jobAttempts } }),
});
const receiver = createStripeReceiver({ client, secret, dispatch: dispatcher, onPaid: () => {} });
await redisReady('web', redisUrl, [client, connection]);
const server = createWebApp(receiver, [dispatcher.queue], { adminPassword }).listen(
  port,
  '127.0.0.1',
  (error) => {
    // Express 5 hands a listen error (the port is taken) to this callback.
    if (error) {
      console.error(`web: cannot listen on 127.0.0.1:${port} (${error.message}); set PORT to a free port`);
      process.exit(1);
    }
    const login = adminPassword ? 'user admin, ADMIN_PASSWORD' : 'no login: set ADMIN_PASSWORD for one';
    console.log(`web: http://127.0.0.1:${port}/webhooks/stripe, dashboard at /admin/queues (${login})`);
  },
);
// Graceful shutdown: no new requests, the deliveries under way finished (with their store
// writes), then the connections.
closeOnSignals('web', async () => {
  await new Promise((resolve) => server.close(resolve));
  await receiver.close();
  await dispatcher.close();
  await client.quit();
});
